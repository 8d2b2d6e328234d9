import { Alert } from '@mui/material';
import {
  Create,
  Loading,
  SaveButton,
  SimpleForm,
  Toolbar,
  useGetOne,
  useLocation,
  useTranslate,
} from 'react-admin';
import type { ChannelRecord, ServiceRecord } from '../providers/types.ts';
import { newServiceDefaults, servicePayload } from './payload.ts';
import { ServiceHeader } from './ServiceHeader.tsx';
import { ServiceInputs } from './ServiceInputs.tsx';
import { entryOf, useCatalogue } from './useCatalogue.ts';
import { useServiceSaved } from './useServiceSaved.ts';

/** `/services/create?channelId=…&type=…`: a new configuration, prefilled from the catalogue and the channel. */
export default function ServiceCreate() {
  const translate = useTranslate();
  const params = new URLSearchParams(useLocation().search);
  const channelId = params.get('channelId') ?? '';
  const type = params.get('type') ?? '';
  const { data: catalogue, error: catalogueError } = useCatalogue();
  const entry = entryOf(catalogue, type);
  const { data: channel, error } = useGetOne<ChannelRecord>(
    'channels',
    { id: channelId },
    { enabled: Boolean(channelId) },
  );
  const saved = useServiceSaved();
  const failure = error ?? catalogueError;
  if (failure) return <Alert severity="error">{failure.message}</Alert>;
  if (!channelId || (catalogue && !entry)) {
    return <Alert severity="info">{translate('app.services.missing_context')}</Alert>;
  }
  if (!entry || !channel) return <Loading />;
  return (
    <Create<ServiceRecord>
      resource="services"
      title={`${entry.label} — ${channel.name}`}
      mutationMode="pessimistic"
      transform={(data: Record<string, unknown>) => ({ ...servicePayload(data, entry), channelId, type })}
      mutationOptions={{ onSuccess: (data) => saved(data, { redirect: true }) }}
    >
      <SimpleForm
        defaultValues={newServiceDefaults(entry, channel)}
        noValidate
        sx={{ maxWidth: 760 }}
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <ServiceHeader entry={entry} channel={channel} />
        <ServiceInputs entry={entry} channel={channel} />
      </SimpleForm>
    </Create>
  );
}
