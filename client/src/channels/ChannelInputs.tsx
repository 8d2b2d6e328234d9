import { ReferenceInput, SelectInput, TextInput, required, usePermissions } from 'react-admin';
import type { ZodType } from 'zod';
import { shopIdSchema } from '../../../shared/schemas/channels.ts';
import { channelIdSchema } from '../../../shared/schemas/common.ts';

/** The server's own rule, checked before sending so the message appears while typing. */
const matches = (schema: ZodType) => (value: unknown) => {
  if (value === null || value === undefined || value === '') return undefined;
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
};

/** The one form body behind Create and the channel page's General tab. */
export function ChannelInputs({ mode }: { mode: 'create' | 'edit' }) {
  const { permissions } = usePermissions<string>();
  // Moving a channel changes what it inherits: only admins may (the server refuses everyone else).
  const mayMove = mode === 'create' || permissions === 'admin';
  const help =
    mode === 'create' && permissions !== 'admin'
      ? 'app.channels.organization_own_only'
      : mayMove
        ? 'app.channels.organization_help'
        : 'app.channels.organization_admin_only';
  return (
    <>
      <TextInput
        source="id"
        readOnly={mode === 'edit'}
        validate={mode === 'create' ? [required(), matches(channelIdSchema)] : undefined}
        helperText={mode === 'create' ? 'app.channels.id_help' : 'app.channels.id_fixed'}
        autoComplete="off"
      />
      <TextInput source="name" validate={required()} />
      <TextInput
        source="iomShopId"
        validate={[required(), matches(shopIdSchema)]}
        helperText="app.channels.shop_id_help"
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <TextInput source="iomShopName" validate={required()} helperText="app.channels.shop_name_help" />
      <TextInput source="iomBaseUrl" type="url" helperText="app.channels.base_url_help" />
      <ReferenceInput
        source="organizationId"
        reference="organizations"
        perPage={200}
        sort={{ field: 'name', order: 'ASC' }}
      >
        <SelectInput
          optionText="name"
          disabled={!mayMove}
          validate={mode === 'edit' ? required() : undefined}
          emptyText={mode === 'create' ? 'app.channels.organization_default' : undefined}
          helperText={help}
        />
      </ReferenceInput>
      <TextInput source="description" multiline minRows={2} />
    </>
  );
}
