import { Card, CardContent, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Form, PasswordInput, SaveButton, Title, required, useNotify, useTranslate } from 'react-admin';
import { MIN_PASSWORD_LENGTH } from '../../../shared/schemas/common.ts';
import { toHttpError } from '../providers/errors.ts';
import { useTRPC } from '../providers/trpc.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** `onChanged` runs after the server accepted the new password (the first-sign-in page continues from there). */
export default function ChangePassword({ onChanged }: { onChanged?: () => Promise<void> | void } = {}) {
  const trpc = useTRPC();
  const translate = useTranslate();
  const notify = useNotify();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());

  const validate = (values: Partial<Values>) => {
    const errors: Partial<Record<keyof Values, string>> = {};
    if (values.newPassword && values.newPassword.length < MIN_PASSWORD_LENGTH)
      errors.newPassword = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    if (values.confirmPassword !== values.newPassword)
      errors.confirmPassword = translate('app.account.mismatch');
    return errors;
  };

  const submit = async (values: Record<string, unknown>) => {
    const { currentPassword, newPassword } = values as unknown as Values;
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      notify('app.account.changed', { type: 'success' });
      await onChanged?.();
      return undefined;
    } catch (error) {
      const http = toHttpError(error) as { message: string; body?: { errors?: Record<string, unknown> } };
      notify(http.message, { type: 'error' });
      return http.body?.errors;
    }
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 520 }}>
      <Title title={translate('app.account.change_password')} />
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('app.account.change_password')}
        </Typography>
        <Form onSubmit={submit} validate={validate}>
          <PasswordInput
            source="currentPassword"
            label="app.account.current_password"
            validate={required()}
            fullWidth
            autoComplete="current-password"
          />
          <PasswordInput
            source="newPassword"
            label="app.account.new_password"
            validate={required()}
            fullWidth
            autoComplete="new-password"
            helperText="app.account.hint"
          />
          <PasswordInput
            source="confirmPassword"
            label="app.account.confirm_password"
            validate={required()}
            fullWidth
            autoComplete="new-password"
          />
          <SaveButton label="app.account.change_password" alwaysEnable />
        </Form>
      </CardContent>
    </Card>
  );
}
