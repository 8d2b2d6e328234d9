import { Chip } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { RoleField } from './RoleField.tsx';
import { roleChoices } from './roleChoices.ts';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Email or name" />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <NullableBooleanInput key="disabled" source="disabled" />,
];

const StatusField = () => {
  const record = useRecordContext<{ disabled: boolean }>();
  if (!record) return null;
  return record.disabled ? (
    <Chip size="small" color="warning" label="Disabled" />
  ) : (
    <Chip size="small" color="success" variant="outlined" label="Active" />
  );
};

const ChannelsField = () => {
  const record = useRecordContext<{ channels: string[] }>();
  if (!record?.channels.length) return null;
  return (
    <>
      {record.channels.map((c) => (
        <Chip key={c} size="small" label={c} variant="outlined" sx={{ mr: 0.5 }} />
      ))}
    </>
  );
};

export const UserList = () => (
  <List
    filters={filters}
    sort={{ field: 'email', order: 'ASC' }}
    actions={
      <TopToolbar>
        <CreateButton />
        <ExportButton />
      </TopToolbar>
    }
  >
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="email" />
      <DataTable.Col source="name" />
      <DataTable.Col source="role" field={RoleField} />
      <DataTable.Col source="channels" disableSort field={ChannelsField} />
      <DataTable.Col source="disabled" label="Status" disableSort field={StatusField} />
      <DataTable.Col source="lastLoginAt">
        <DateField source="lastLoginAt" showTime emptyText="never" />
      </DataTable.Col>
      <DataTable.Col source="updatedBy" disableSort field={TextField} />
    </DataTable>
  </List>
);

export default UserList;
