import { useQuery } from '@tanstack/react-query';
import {
  DataTable,
  DateField,
  DateTimeInput,
  List,
  SearchInput,
  SelectInput,
  TextInput,
  useRecordContext,
} from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { ChangesPanel } from './ChangesPanel.tsx';

function ActionFilter(props: { source: string }) {
  const trpc = useTRPC();
  const { data = [] } = useQuery(trpc.audit.actions.queryOptions());
  return <SelectInput {...props} choices={data.map((a) => ({ id: a, name: a }))} />;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Action, person or target" />,
  <ActionFilter key="action" source="action" />,
  <TextInput key="actorEmail" source="actorEmail" />,
  <TextInput key="targetType" source="targetType" />,
  <DateTimeInput key="from" source="from" />,
  <DateTimeInput key="to" source="to" />,
];

const ChangeCount = () => {
  const record = useRecordContext<{ changes: unknown[] }>();
  return <>{record?.changes.length ? `${record.changes.length} field(s)` : ''}</>;
};

export const AuditList = () => (
  <List filters={filters} sort={{ field: 'at', order: 'DESC' }} perPage={50}>
    <DataTable expand={<ChangesPanel />} expandSingle bulkActionButtons={false} rowClick="expand">
      <DataTable.Col source="at">
        <DateField source="at" showTime />
      </DataTable.Col>
      <DataTable.Col source="actorEmail" />
      <DataTable.Col source="action" />
      <DataTable.Col source="targetType" disableSort />
      <DataTable.Col source="targetLabel" disableSort />
      <DataTable.Col source="changes" disableSort field={ChangeCount} />
      <DataTable.Col source="ip" disableSort />
    </DataTable>
  </List>
);

export default AuditList;
