import { TextInput, required } from 'react-admin';

/** The form body behind Create and the organization page's General tab. */
export const OrganizationInputs = ({ mode }: { mode: 'create' | 'edit' }) => (
  <>
    <TextInput
      source="id"
      readOnly={mode === 'edit'}
      validate={mode === 'create' ? required() : undefined}
      helperText={mode === 'create' ? 'app.organizations.id_help' : 'app.organizations.id_fixed'}
      autoComplete="off"
    />
    <TextInput source="name" validate={required()} />
    <TextInput source="description" multiline minRows={2} />
  </>
);
