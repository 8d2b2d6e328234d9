import {
  BooleanInput,
  FormDataConsumer,
  PasswordInput,
  SelectInput,
  TextArrayInput,
  TextInput,
  email,
  required,
} from 'react-admin';
import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/common.ts';
import { roleChoices } from './roleChoices.ts';

const minLength = (value: string | undefined) =>
  value && value.length < MIN_PASSWORD_LENGTH ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : undefined;

/** The one form body behind Create and Edit, so the two cannot drift apart. */
export function UserInputs({ mode }: { mode: 'create' | 'edit' }) {
  return (
    <>
      <TextInput source="email" type="email" validate={[required(), email()]} autoComplete="off" />
      <TextInput source="name" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <FormDataConsumer<{ role?: string }>>
        {({ formData }) =>
          formData.role === 'channel_manager' ? (
            <TextArrayInput source="channels" helperText="app.users.channels_help" validate={required()} />
          ) : null
        }
      </FormDataConsumer>
      <PasswordInput
        source="password"
        autoComplete="new-password"
        validate={mode === 'create' ? [required(), minLength] : minLength}
        helperText={mode === 'create' ? 'app.users.password_create_help' : 'app.users.password_edit_help'}
      />
      {mode === 'edit' && <BooleanInput source="disabled" helperText="app.users.disabled_help" />}
    </>
  );
}
