import { Box, FormControlLabel, LinearProgress, Link, Stack, Switch, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useCanAccess, useGetList, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { isAllowed } from '../../../shared/access.ts';
import type { Role } from '../../../shared/roles.ts';
import { useOrganizationPath } from '../organizations/paths.ts';
import { TestAllProgress } from '../probes/TestAllProgress.tsx';
import { useTestAll } from '../probes/useTestAll.ts';
import { useTRPC } from '../providers/trpc.ts';
import type { ChannelRecord, ServiceRecord } from '../providers/types.ts';
import { EffectiveRow } from './EffectiveRow.tsx';
import { ServiceRow } from './ServiceRow.tsx';
import { ServicesTable } from './ServicesTable.tsx';
import { useCatalogue } from './useCatalogue.ts';

const COLUMNS = [
  'app.services.column_service',
  'resources.services.fields.active',
  'app.effective.column_status',
  'app.services.column_endpoint',
  'app.effective.column_health',
];

/** The Services tab: per catalogue type what the channel uses (own or inherited), and what it may do about it. */
export function ChannelServices() {
  const channel = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  const trpc = useTRPC();
  const organizationPath = useOrganizationPath();
  const [showDeleted, setShowDeleted] = useState(false);
  const { data: catalogue, error: catalogueError } = useCatalogue();
  const { permissions } = usePermissions<Role>();
  const isAdmin = permissions ? isAllowed(permissions, 'services.restore') : false;
  const canTest = permissions ? isAllowed(permissions, 'probes.run') : false;
  const { canAccess: canEdit = false } = useCanAccess({ resource: 'services', action: 'edit' });
  const channelId = String(channel?.id ?? '');
  const testAll = useTestAll(channelId);
  const { data: effective, error } = useQuery({
    ...trpc.services.effective.queryOptions({ channelId }),
    enabled: Boolean(channel),
    refetchOnMount: 'always',
  });
  const { data: deleted } = useGetList<ServiceRecord>(
    'services',
    { filter: { channelId, includeDeleted: true }, pagination: { page: 1, perPage: 500 } },
    { enabled: Boolean(channel) && showDeleted },
  );
  const failure = error ?? catalogueError;
  if (failure) return <Typography color="error">{failure.message}</Typography>;
  if (!channel || !catalogue || !effective) return <LinearProgress />;
  const rowProps = { channelId, canEdit, isAdmin };
  return (
    <Box sx={{ p: 2, overflowX: 'auto' }}>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="body2">
          <Link component={RouterLink} to={organizationPath(effective.organizationId)}>
            {translate('app.effective.organization', { name: effective.organizationName })}
          </Link>
        </Typography>
        {isAdmin && (
          <FormControlLabel
            control={<Switch checked={showDeleted} onChange={(_e, on) => setShowDeleted(on)} size="small" />}
            label={translate('app.services.show_deleted')}
          />
        )}
      </Stack>
      <TestAllProgress
        label={translate('app.effective.test_all_channel')}
        testAll={testAll}
        canRun={canTest}
      />
      <ServicesTable columns={COLUMNS} label={translate('app.channels.tab_services')} sx={{ mt: 1 }}>
        {catalogue.map((entry) => {
          const found = effective.entries.find((e) => e.type === entry.type);
          const gone = showDeleted ? (deleted ?? []).filter((s) => s.type === entry.type && s.deletedAt) : [];
          return (
            <Fragment key={entry.type}>
              {found ? (
                <EffectiveRow
                  {...rowProps}
                  catalogueEntry={entry}
                  entry={found}
                  organizationId={effective.organizationId}
                  canTest={canTest}
                />
              ) : (
                <ServiceRow {...rowProps} entry={entry} />
              )}
              {gone.map((s) => (
                <ServiceRow key={s.id} {...rowProps} entry={entry} service={s} />
              ))}
            </Fragment>
          );
        })}
      </ServicesTable>
    </Box>
  );
}
