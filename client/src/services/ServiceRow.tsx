import { TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import { ActiveSwitch } from './ActiveSwitch.tsx';
import { ConfigCell } from './ConfigCell.tsx';
import { NotConfiguredCell, ServiceTypeCell } from './ServiceTypeCells.tsx';
import { AddServiceButton, ServiceRowActions } from './ServiceRowActions.tsx';

interface Props {
  entry: CatalogueEntry;
  service?: ServiceRecord;
  channelId: string;
  canEdit: boolean;
  isAdmin: boolean;
  /** The channel's own configuration while the organization imposes a mandatory one. */
  ignored?: boolean;
}

/** A type the channel has no configuration of (with Add), a deleted configuration, or an ignored one. */
export function ServiceRow({ entry, service, channelId, canEdit, isAdmin, ignored = false }: Props) {
  const translate = useTranslate();
  const deleted = Boolean(service?.deletedAt);
  const state = !service ? 'missing' : deleted ? 'deleted' : 'ignored';
  return (
    <TableRow
      data-type={entry.type}
      data-state={state}
      sx={deleted || ignored ? { opacity: 0.6 } : undefined}
    >
      <ServiceTypeCell entry={entry} service={service} maxWidth={280} />
      {!service ? (
        <>
          <NotConfiguredCell colSpan={4} />
          <TableCell align="right">
            {canEdit && <AddServiceButton channelId={channelId} type={entry.type} />}
          </TableCell>
        </>
      ) : (
        <>
          <TableCell>
            <ActiveSwitch service={service} label={entry.label} disabled={!canEdit || deleted} />
          </TableCell>
          <TableCell>
            <Typography variant="caption" color="text.secondary">
              {ignored ? translate('app.effective.ignored_local') : ''}
            </Typography>
          </TableCell>
          <TableCell sx={{ minWidth: 200 }}>
            <ConfigCell service={service} />
          </TableCell>
          <TableCell />
          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
            <ServiceRowActions service={service} label={entry.label} canEdit={canEdit} isAdmin={isAdmin} />
          </TableCell>
        </>
      )}
    </TableRow>
  );
}
