import { Typography } from '@mui/material';
import { DataTable, ReferenceManyField, useCanAccess, useTranslate } from 'react-admin';
import { CoverageChips } from '../channels/CoverageChips.tsx';
import { ChannelHealth } from '../probes/ChannelHealth.tsx';

/** The organization's channels (those the user may see), each opening its channel page. */
export function OrganizationChannels() {
  const translate = useTranslate();
  const { canAccess: canEdit } = useCanAccess({ resource: 'channels', action: 'edit' });
  return (
    <ReferenceManyField
      reference="channels"
      target="organizationId"
      perPage={100}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <DataTable
        rowClick={canEdit ? 'edit' : 'show'}
        bulkActionButtons={false}
        empty={<Typography sx={{ p: 2 }}>{translate('app.organizations.channels_empty')}</Typography>}
      >
        <DataTable.Col source="id" />
        <DataTable.Col source="name" />
        <DataTable.Col source="iomShopName" />
        <DataTable.NumberCol source="activeServices" disableSort />
        <DataTable.Col source="coverage" disableSort field={CoverageChips} />
        <DataTable.Col
          source="health"
          label="resources.channels.fields.health"
          disableSort
          field={ChannelHealth}
        />
      </DataTable>
    </ReferenceManyField>
  );
}
