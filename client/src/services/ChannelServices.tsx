import {
  Box,
  FormControlLabel,
  LinearProgress,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Fragment, useState } from 'react';
import { useCanAccess, useGetList, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { isAllowed } from '../../../shared/access.ts';
import type { Role } from '../../../shared/roles.ts';
import type { ChannelRecord, ServiceRecord } from '../providers/types.ts';
import { ServiceRow } from './ServiceRow.tsx';
import { useCatalogue } from './useCatalogue.ts';

const COLUMNS = [
  'app.services.column_service',
  'resources.services.fields.active',
  'resources.services.fields.endpoint',
  'app.services.column_credentials',
  'app.services.column_changed',
];

/** The Services tab: one row per catalogue type; deleted configurations only when an admin asks. */
export function ChannelServices() {
  const channel = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  const [showDeleted, setShowDeleted] = useState(false);
  const { data: catalogue, error: catalogueError } = useCatalogue();
  const { permissions } = usePermissions<Role>();
  const isAdmin = permissions ? isAllowed(permissions, 'services.restore') : false;
  const { canAccess: canEdit = false } = useCanAccess({ resource: 'services', action: 'edit' });
  const { data: services, error } = useGetList<ServiceRecord>(
    'services',
    {
      filter: { channelId: channel?.id, includeDeleted: showDeleted },
      pagination: { page: 1, perPage: 500 },
      sort: { field: 'type', order: 'ASC' },
    },
    { enabled: Boolean(channel) },
  );
  const failure = error ?? catalogueError;
  if (failure) return <Typography color="error">{failure.message}</Typography>;
  if (!channel || !catalogue || !services) return <LinearProgress />;
  return (
    <Box sx={{ p: 2, overflowX: 'auto' }}>
      {isAdmin && (
        <FormControlLabel
          control={<Switch checked={showDeleted} onChange={(_e, on) => setShowDeleted(on)} size="small" />}
          label={translate('app.services.show_deleted')}
        />
      )}
      <Table size="small" aria-label={translate('app.channels.tab_services')}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((c) => (
              <TableCell key={c}>{translate(c)}</TableCell>
            ))}
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {catalogue.map((entry) => {
            const own = services.filter((s) => s.type === entry.type);
            const live = own.find((s) => !s.deletedAt);
            const deleted = own.filter((s) => s.deletedAt);
            const props = { entry, channelId: String(channel.id), canEdit, isAdmin };
            return (
              <Fragment key={entry.type}>
                <ServiceRow {...props} service={live} />
                {deleted.map((s) => (
                  <ServiceRow key={s.id} {...props} service={s} />
                ))}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
