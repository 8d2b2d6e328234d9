import { Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
  useRecordContext,
} from 'react-admin';
import { ChannelHealth } from '../probes/ChannelHealth.tsx';
import type { ChannelRecord } from '../providers/types.ts';
import { CoverageChips } from './CoverageChips.tsx';
import { featureChoices } from './features.ts';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="ID, name or IOM shop" />,
  <SelectInput key="missingFeature" source="missingFeature" choices={featureChoices} alwaysOn />,
  <ReferenceInput key="organizationId" source="organizationId" reference="organizations" alwaysOn>
    <SelectInput optionText="name" />
  </ReferenceInput>,
];

const ShopField = () => {
  const record = useRecordContext<ChannelRecord>();
  if (!record) return null;
  return (
    <>
      <Typography variant="body2">{record.iomShopName}</Typography>
      <Typography variant="caption" color="text.secondary">
        ID {record.iomShopId}
      </Typography>
    </>
  );
};

export const ChannelList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'channels', action: 'edit' });
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={
        <TopToolbar>
          <CreateButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="name" />
        <DataTable.Col source="iomShopName" label="resources.channels.fields.iomShop" field={ShopField} />
        <DataTable.Col source="organizationId" disableSort>
          <ReferenceField source="organizationId" reference="organizations" link={false} />
        </DataTable.Col>
        <DataTable.NumberCol source="activeServices" disableSort />
        <DataTable.Col source="coverage" disableSort field={CoverageChips} />
        <DataTable.Col source="health" disableSort field={ChannelHealth} />
        <DataTable.Col source="updatedAt">
          <DateField source="updatedAt" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

export default ChannelList;
