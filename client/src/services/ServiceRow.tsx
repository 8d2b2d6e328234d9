import { Chip, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import { ActiveSwitch } from './ActiveSwitch.tsx';
import { ServiceBadges } from './ServiceBadges.tsx';
import { AddServiceButton, ServiceRowActions } from './ServiceRowActions.tsx';

interface Props {
  entry: CatalogueEntry;
  service?: ServiceRecord;
  channelId: string;
  canEdit: boolean;
  isAdmin: boolean;
}

const mono = { fontFamily: 'monospace', fontSize: 13, overflowWrap: 'anywhere' } as const;

/** One catalogue type on one channel: its configuration, or an Add button when it has none. */
export function ServiceRow({ entry, service, channelId, canEdit, isAdmin }: Props) {
  const translate = useTranslate();
  const deleted = Boolean(service?.deletedAt);
  const state = !service ? 'missing' : deleted ? 'deleted' : 'configured';
  return (
    <TableRow data-type={entry.type} data-state={state} sx={deleted ? { opacity: 0.6 } : undefined}>
      <TableCell sx={{ minWidth: 200, maxWidth: 300 }}>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {service?.name || entry.label}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {entry.type} · {entry.protocol}, {entry.api}
        </Typography>
        <ServiceBadges entry={entry} service={service} />
      </TableCell>
      {!service ? (
        <>
          <TableCell colSpan={4}>
            <Typography variant="body2" color="text.secondary">
              {translate('app.services.not_configured')}
            </Typography>
          </TableCell>
          <TableCell align="right">
            {canEdit && <AddServiceButton channelId={channelId} type={entry.type} />}
          </TableCell>
        </>
      ) : (
        <>
          <TableCell>
            <ActiveSwitch service={service} label={entry.label} disabled={!canEdit || deleted} />
          </TableCell>
          <TableCell sx={{ minWidth: 200 }}>
            <Typography variant="body2" sx={mono}>
              {service.endpoint}
            </Typography>
          </TableCell>
          <TableCell>
            <Stack sx={{ gap: 0.5, alignItems: 'flex-start' }}>
              <Typography variant="body2">{service.username || '—'}</Typography>
              <Chip
                size="small"
                variant="outlined"
                color={service.passwordConfigured ? 'success' : 'default'}
                label={translate(
                  service.passwordConfigured
                    ? 'app.services.password_configured'
                    : 'app.services.password_missing',
                )}
              />
            </Stack>
          </TableCell>
          <TableCell>
            <Typography variant="body2">{service.updatedBy ?? '—'}</Typography>
            <Typography variant="caption" color="text.secondary">
              {new Date(service.updatedAt).toLocaleString(undefined, {
                dateStyle: 'short',
                timeStyle: 'short',
              })}
            </Typography>
          </TableCell>
          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
            <ServiceRowActions service={service} label={entry.label} canEdit={canEdit} isAdmin={isAdmin} />
          </TableCell>
        </>
      )}
    </TableRow>
  );
}
