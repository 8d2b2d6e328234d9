import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { clientCertificateSummary } from '../../../shared/clientCertificate.ts';
import type { ServiceRecord } from '../providers/types.ts';

const mono = { fontFamily: 'monospace', fontSize: 13, overflowWrap: 'anywhere' } as const;

/**
 * Where a configuration calls and as whom: endpoint, username, whether a password and a client certificate are
 * stored (and a warning when the certificate expires within 30 days), last change.
 */
export function ConfigCell({ service }: { service: ServiceRecord }) {
  const translate = useTranslate();
  return (
    <Stack sx={{ gap: 0.5, alignItems: 'flex-start' }}>
      <Typography variant="body2" sx={mono}>
        {service.endpoint}
      </Typography>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2">{service.username || '—'}</Typography>
        <Chip
          size="small"
          variant="outlined"
          color={service.passwordConfigured ? 'success' : 'default'}
          label={translate(
            service.passwordConfigured ? 'app.services.password_configured' : 'app.services.password_missing',
          )}
        />
        {service.clientCertificateConfigured && (
          <Tooltip
            title={clientCertificateSummary(
              service.clientCertificateSubject,
              service.clientCertificateExpiresAt ? new Date(service.clientCertificateExpiresAt) : null,
            )}
          >
            <Chip
              size="small"
              variant="outlined"
              color={service.clientCertificateWarning ? 'warning' : 'success'}
              label={translate('app.services.client_certificate_chip')}
            />
          </Tooltip>
        )}
      </Stack>
      {service.clientCertificateWarning && (
        <Typography variant="caption" color="warning.main" role="status">
          {service.clientCertificateWarning}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary">
        {translate('app.services.changed_by', {
          who: service.updatedBy ?? '—',
          when: new Date(service.updatedAt).toLocaleString(undefined, {
            dateStyle: 'short',
            timeStyle: 'short',
          }),
        })}
      </Typography>
    </Stack>
  );
}
