import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import {
  FormDataConsumer,
  PasswordInput,
  RadioButtonGroupInput,
  TextInput,
  useInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { clientCertificateSummary } from '../../../shared/clientCertificate.ts';
import { sameEndpointOrigin } from '../../../shared/endpointOrigin.ts';
import type { ServiceRecord } from '../providers/types.ts';
import type { CertificateAction } from './payload.ts';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

/** A PKCS#12 file, read in the browser and sent as base64; only its name and size are shown. */
function Pkcs12FileInput() {
  const translate = useTranslate();
  const { field, fieldState } = useInput({ source: 'clientCertificate.pkcs12', defaultValue: '' });
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const read = (file: File | undefined) => {
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      field.onChange(url.slice(url.indexOf(',') + 1));
      setChosen({ name: file.name, size: file.size });
    };
    reader.readAsDataURL(file);
  };
  return (
    <Stack sx={{ gap: 0.5, my: 1 }}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        <Button variant="outlined" onClick={() => picker.current?.click()}>
          {translate('app.services.client_certificate_choose_file')}
        </Button>
        <Typography variant="body2" color={fieldState.error ? 'error' : 'text.secondary'}>
          {chosen
            ? translate('app.services.client_certificate_file_chosen', chosen)
            : translate('app.services.client_certificate_no_file')}
        </Typography>
        <input
          ref={picker}
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          hidden
          aria-label={translate('app.services.client_certificate_pkcs12')}
          onChange={(event) => read(event.target.files?.[0])}
        />
      </Stack>
      {fieldState.error?.message && (
        <Typography variant="caption" color="error">
          {translate(fieldState.error.message, { _: fieldState.error.message })}
        </Typography>
      )}
    </Stack>
  );
}

/** The inputs of a new client certificate: PEM certificate and key, or a PKCS#12 file; a passphrase either way. */
function NewCertificate({ onCancel, cancelLabel }: { onCancel: () => void; cancelLabel: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', maxWidth: 640 }}>
      <RadioButtonGroupInput
        source="clientCertificateFormat"
        label="app.services.client_certificate_format"
        defaultValue="pem"
        choices={[
          { id: 'pem', name: 'app.services.client_certificate_pem' },
          { id: 'pkcs12', name: 'app.services.client_certificate_pkcs12' },
        ]}
        helperText={false}
      />
      <FormDataConsumer>
        {({ formData }) =>
          formData.clientCertificateFormat === 'pkcs12' ? (
            <Pkcs12FileInput />
          ) : (
            <>
              <TextInput
                source="clientCertificate.certificate"
                label="app.services.client_certificate_certificate"
                multiline
                minRows={3}
                maxRows={8}
                fullWidth
                autoComplete="off"
                helperText="app.services.client_certificate_certificate_help"
                slotProps={{ htmlInput: { style: mono, spellCheck: false } }}
              />
              <TextInput
                source="clientCertificate.key"
                label="app.services.client_certificate_key"
                multiline
                minRows={3}
                maxRows={8}
                fullWidth
                autoComplete="off"
                helperText="app.services.client_certificate_key_help"
                slotProps={{ htmlInput: { style: mono, spellCheck: false } }}
              />
            </>
          )
        }
      </FormDataConsumer>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'flex-start' }}>
        <PasswordInput
          source="clientCertificate.passphrase"
          label="app.services.client_certificate_passphrase"
          autoComplete="new-password"
          helperText="app.services.client_certificate_passphrase_help"
        />
        <Button onClick={onCancel} sx={{ mt: 1.5, whiteSpace: 'nowrap', flexShrink: 0 }}>
          {translate(cancelLabel)}
        </Button>
      </Stack>
    </Box>
  );
}

/**
 * The write-only client certificate for mutual TLS, like the password: a stored one is never sent to the
 * browser; the form shows its subject and expiry (and a warning from 30 days before it expires) and offers
 * Replace and Clear. The choice travels as `clientCertificateAction`.
 */
export function ServiceClientCertificateInput() {
  const record = useRecordContext<ServiceRecord>();
  const translate = useTranslate();
  const configured = Boolean(record?.clientCertificateConfigured);
  const { field } = useInput({
    source: 'clientCertificateAction',
    defaultValue: configured ? 'keep' : 'none',
  });
  const action = field.value as CertificateAction;
  const summary = record
    ? clientCertificateSummary(
        record.clientCertificateSubject,
        record.clientCertificateExpiresAt ? new Date(record.clientCertificateExpiresAt) : null,
      )
    : '';
  const heading = (
    <Typography variant="body2" sx={{ mt: 1 }}>
      {translate('app.services.client_certificate')}
    </Typography>
  );
  if (action === 'replace')
    return (
      <Stack sx={{ width: '100%' }}>
        {heading}
        <NewCertificate
          onCancel={() => field.onChange(configured ? 'keep' : 'none')}
          cancelLabel={configured ? 'app.services.keep' : 'app.services.client_certificate_cancel'}
        />
      </Stack>
    );
  if (!configured)
    return (
      <Stack sx={{ width: '100%', alignItems: 'flex-start' }}>
        {heading}
        <Typography variant="caption" color="text.secondary">
          {translate('app.services.client_certificate_none')}
        </Typography>
        <Button onClick={() => field.onChange('replace')}>
          {translate('app.services.client_certificate_add')}
        </Button>
      </Stack>
    );
  return (
    <Stack sx={{ width: '100%', gap: 1 }}>
      {action === 'keep' && record?.clientCertificateWarning && (
        <Alert severity="warning">{record.clientCertificateWarning}</Alert>
      )}
      <Stack direction="row" sx={{ gap: 1, alignItems: 'flex-start' }}>
        <FormDataConsumer>
          {({ formData }) => {
            // The stored certificate stays with the host it was saved for, as the password does.
            const endpoint = typeof formData.endpoint === 'string' ? formData.endpoint.trim() : '';
            const moved =
              action === 'keep' && endpoint !== '' && !sameEndpointOrigin(endpoint, record?.endpoint ?? '');
            return (
              <TextField
                label={translate('app.services.client_certificate')}
                value={
                  action === 'clear'
                    ? translate('app.services.client_certificate_cleared')
                    : translate('app.services.client_certificate_configured', { summary })
                }
                error={moved}
                helperText={translate(
                  moved
                    ? 'app.services.client_certificate_other_host'
                    : action === 'clear'
                      ? 'app.services.client_certificate_cleared_help'
                      : 'app.services.client_certificate_stored_help',
                )}
                disabled
                sx={{ minWidth: 420 }}
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
    </Stack>
  );
}
