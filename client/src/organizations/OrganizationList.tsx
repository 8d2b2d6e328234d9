import { CreateButton, DataTable, DateField, List, SearchInput, TopToolbar, useCanAccess } from 'react-admin';

const filters = [<SearchInput key="q" source="q" alwaysOn placeholder="ID or name" />];

export const OrganizationList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'organizations', action: 'edit' });
  return (
    <List
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      actions={<TopToolbar>{canEdit && <CreateButton />}</TopToolbar>}
    >
      <DataTable rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false}>
        <DataTable.Col source="id" />
        <DataTable.Col source="name" />
        <DataTable.NumberCol source="channelCount" disableSort />
        <DataTable.NumberCol source="serviceCount" disableSort />
        <DataTable.Col source="updatedAt">
          <DateField source="updatedAt" showTime />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

export default OrganizationList;
