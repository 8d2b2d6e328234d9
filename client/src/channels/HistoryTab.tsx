import { Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  DataTable,
  DateField,
  ListContextProvider,
  useList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ChangesPanel } from '../audit/ChangesPanel.tsx';
import { useTRPC } from '../providers/trpc.ts';
import type { ChannelRecord, HistoryEntry } from '../providers/types.ts';

const ChangeCount = () => {
  const record = useRecordContext<HistoryEntry>();
  const translate = useTranslate();
  if (!record?.changes.length) return null;
  return <>{translate('app.channels.changed_fields', { smart_count: record.changes.length })}</>;
};

/** Every recorded change of the channel and its services, newest first; a row opens its field diff. */
export function HistoryTab() {
  const channel = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery({
    ...trpc.channels.history.queryOptions({ id: String(channel?.id ?? '') }),
    enabled: Boolean(channel),
    refetchOnMount: 'always',
  });
  const list = useList({ data, isPending, resource: 'audit', perPage: 200 });
  if (error) return <Typography color="error">{error.message}</Typography>;
  return (
    <ListContextProvider value={list}>
      <DataTable
        resource="audit"
        expand={<ChangesPanel />}
        rowClick="expand"
        bulkActionButtons={false}
        empty={<Typography sx={{ p: 2 }}>{translate('app.channels.history_empty')}</Typography>}
      >
        <DataTable.Col source="at" disableSort>
          <DateField source="at" showTime />
        </DataTable.Col>
        <DataTable.Col source="actorEmail" disableSort />
        <DataTable.Col source="action" disableSort />
        <DataTable.Col source="targetLabel" disableSort />
        <DataTable.Col source="changes" disableSort field={ChangeCount} />
      </DataTable>
    </ListContextProvider>
  );
}
