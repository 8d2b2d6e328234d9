import { Button, Stack, TextField } from '@mui/material';
import {
  FormDataConsumer,
  PasswordInput,
  required,
  useInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { sameEndpointOrigin } from '../../../shared/endpointOrigin.ts';
import type { ServiceRecord } from '../providers/types.ts';
import type { PasswordAction } from './payload.ts';

/**
 * The write-only password. A stored one is never sent to the browser: the form says "configured" and offers
 * Replace (an empty input for the new one) and Clear; the choice travels as `passwordAction`.
 */
export function ServicePasswordInput() {
  const record = useRecordContext<ServiceRecord>();
  const translate = useTranslate();
  const configured = Boolean(record?.passwordConfigured);
  const { field } = useInput({ source: 'passwordAction', defaultValue: configured ? 'keep' : 'replace' });
  const action = field.value as PasswordAction;
  if (!configured) {
    return (
      <PasswordInput
        source="password"
        autoComplete="new-password"
        helperText={record ? 'app.services.password_none_help' : 'app.services.password_new_help'}
      />
    );
  }
  if (action === 'replace') {
    return (
      <Stack direction="row" sx={{ gap: 1, alignItems: 'flex-start' }}>
        <PasswordInput
          source="password"
          autoComplete="new-password"
          validate={required()}
          helperText="app.services.password_replace_help"
          autoFocus
        />
        <Button onClick={() => field.onChange('keep')} sx={{ mt: 1.5, whiteSpace: 'nowrap', flexShrink: 0 }}>
          {translate('app.services.keep')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack direction="row" sx={{ gap: 1, alignItems: 'flex-start' }}>
      <FormDataConsumer>
        {({ formData }) => {
          // The stored password stays with the host it was saved for: the server refuses to keep it elsewhere.
          const endpoint = typeof formData.endpoint === 'string' ? formData.endpoint.trim() : '';
          const moved =
            action === 'keep' && endpoint !== '' && !sameEndpointOrigin(endpoint, record?.endpoint ?? '');
          return (
            <TextField
              label={translate('resources.services.fields.password')}
              value={translate(
                action === 'clear' ? 'app.services.password_cleared' : 'app.services.configured',
              )}
              error={moved}
              helperText={translate(
                moved
                  ? 'app.services.password_other_host'
                  : action === 'clear'
                    ? 'app.services.password_cleared_help'
                    : 'app.services.password_stored_help',
              )}
              disabled
              sx={{ minWidth: 280 }}
            />
          );
        }}
      </FormDataConsumer>
      {action === 'clear' ? (
        <Button onClick={() => field.onChange('keep')} sx={{ mt: 1.5 }}>
          {translate('app.services.undo')}
        </Button>
      ) : (
        <>
          <Button onClick={() => field.onChange('replace')} sx={{ mt: 1.5 }}>
            {translate('app.services.replace')}
          </Button>
          <Button color="error" onClick={() => field.onChange('clear')} sx={{ mt: 1.5 }}>
            {translate('app.services.clear')}
          </Button>
        </>
      )}
    </Stack>
  );
}
