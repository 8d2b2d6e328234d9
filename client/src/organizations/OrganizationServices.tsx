import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useCanAccess, useGetList, useRecordContext, useTranslate } from 'react-admin';
import type { OrganizationRecord, ServiceRecord } from '../providers/types.ts';
import { ServicesTable } from '../services/ServicesTable.tsx';
import { useCatalogue } from '../services/useCatalogue.ts';
import { OrgServiceRow } from './OrgServiceRow.tsx';

const COLUMNS = [
  'app.services.column_service',
  'resources.services.fields.sharingRule',
  'resources.services.fields.active',
  'app.services.column_endpoint',
];

/** The organization's own configurations, one row per catalogue type, each shared under its rule. */
export function OrganizationServices() {
  const organization = useRecordContext<OrganizationRecord>();
  const translate = useTranslate();
  const { data: catalogue, error: catalogueError } = useCatalogue();
  const { canAccess: canEdit = false } = useCanAccess({ resource: 'organizations', action: 'edit' });
  const { data: services, error } = useGetList<ServiceRecord>(
    'services',
    { filter: { organizationId: organization?.id }, pagination: { page: 1, perPage: 100 } },
    { enabled: Boolean(organization) },
  );
  const failure = error ?? catalogueError;
  if (failure)
    return (
      <Typography color="error" sx={{ p: 2 }}>
        {failure.message}
      </Typography>
    );
  if (!organization || !catalogue || !services) return <LinearProgress />;
  return (
    <Box sx={{ p: 2, overflowX: 'auto' }}>
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate('app.organizations.services_hint')}
      </Alert>
      <ServicesTable columns={COLUMNS} label={translate('app.organizations.tab_services')}>
        {catalogue.map((entry) => (
          <OrgServiceRow
            key={entry.type}
            entry={entry}
            service={services.find((s) => s.type === entry.type && !s.deletedAt)}
            organizationId={String(organization.id)}
            canEdit={canEdit}
          />
        ))}
      </ServicesTable>
    </Box>
  );
}
