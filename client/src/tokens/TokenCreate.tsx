import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  AutocompleteArrayInput,
  Create,
  ReferenceArrayInput,
  SimpleForm,
  TextInput,
  required,
  useRedirect,
} from 'react-admin';
import type { ChannelRecord, TokenRecord } from '../providers/types.ts';
import { TokenDialog } from './TokenDialog.tsx';

const channelOption = (c: ChannelRecord) => `${c.name} (${c.id})`;

/** A new API token for the order intake; the token itself appears once, in a dialog, after saving. */
export default function TokenCreate() {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const close = () => {
    setCreated(null);
    // Forget the cached answer that held the token.
    queryClient.removeQueries({ queryKey: ['tokens', 'getOne'] });
    redirect('list', 'tokens');
  };
  return (
    <>
      <Create<TokenRecord>
        mutationMode="pessimistic"
        mutationOptions={{ onSuccess: (data) => setCreated({ name: data.name, token: data.token ?? '' }) }}
      >
        <SimpleForm defaultValues={{ channels: [] }}>
          <TextInput source="name" validate={required()} helperText="app.tokens.name_help" />
          <ReferenceArrayInput source="channels" reference="channels" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteArrayInput
              optionText={channelOption}
              validate={required()}
              helperText="app.tokens.channels_help"
              sx={{ minWidth: 400 }}
            />
          </ReferenceArrayInput>
        </SimpleForm>
      </Create>
      {created && <TokenDialog name={created.name} token={created.token} onClose={close} />}
    </>
  );
}
