import { DataTable, List, TextField } from 'react-admin';
import { exportFilters } from './ExportFilters.tsx';
import { AgeField, LastErrorField, NextRetryField, OrderNumberField, StateField } from './ExportFields.tsx';
import { ExportListActions } from './ExportListActions.tsx';
import { ExportPagination } from './ExportPagination.tsx';

export const ExportList = () => (
  <List
    filters={exportFilters}
    actions={<ExportListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
    pagination={<ExportPagination />}
    perPage={25}
    empty={false}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="shopOrderNumber" disableSort field={OrderNumberField} />
      <DataTable.Col source="channelName" disableSort>
        <TextField source="channelName" />
      </DataTable.Col>
      <DataTable.Col source="state" disableSort field={StateField} />
      <DataTable.NumberCol source="attempts" />
      <DataTable.Col source="lastError" disableSort field={LastErrorField} />
      <DataTable.Col source="nextAttemptAt" disableSort field={NextRetryField} />
      <DataTable.Col source="createdAt" label="resources.exports.fields.age" field={AgeField} />
    </DataTable>
  </List>
);

export default ExportList;
