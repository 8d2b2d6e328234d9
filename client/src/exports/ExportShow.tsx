import { Box, LinearProgress, Stack } from '@mui/material';
import { Show, useRecordContext, type RaRecord } from 'react-admin';
import { ExportHeader } from './ExportHeader.tsx';
import { IomStatusPanel } from './IomStatusPanel.tsx';
import { OrderSummaryCard } from './OrderSummaryCard.tsx';
import { Timeline } from './Timeline.tsx';
import type { ExportDetail } from './types.ts';

const ExportTitle = () => {
  const record = useRecordContext<ExportDetail>();
  return <>{record ? `Export ${record.shopOrderNumber}` : 'Export'}</>;
};

function ExportPage() {
  const record = useRecordContext<ExportDetail>();
  if (!record) return null;
  if (!('version' in record)) return <LinearProgress sx={{ m: 2 }} />;
  return (
    <Stack sx={{ gap: 2, p: 2 }}>
      <ExportHeader record={record} />
      <Stack direction={{ xs: 'column', lg: 'row' }} sx={{ gap: 2, alignItems: 'flex-start' }}>
        <Stack sx={{ gap: 2, width: { xs: '100%', lg: 360 }, flexShrink: 0 }}>
          <OrderSummaryCard payload={record.payload} />
          {record.state === 'exported' && <IomStatusPanel exportId={record.id} />}
        </Stack>
        <Box sx={{ flex: 1, minWidth: 0, width: '100%' }}>
          <Timeline exportId={record.id} version={`${record.version}/${record.state}/${record.attempts}`} />
        </Box>
      </Stack>
    </Stack>
  );
}

/** While an attempt is due or running, the page follows it: the state chip turns by itself. */
const MOVING = ['pending', 'in_progress'];
const follow = {
  // react-admin seeds the record from the list's row (no payload, no version): always fetch the detail.
  // (react-admin enables the query only after its access check, so refetchOnMount alone does not fire.)
  refetchOnMount: 'always' as const,
  staleTime: 0,
  refetchInterval: (query: { state: { data?: RaRecord } }) =>
    MOVING.includes(String(query.state.data?.state)) ? 2_000 : false,
};

/** One export: where it stands, the order, IOM's view of it, and everything that happened to it. */
export const ExportShow = () => (
  <Show
    queryOptions={follow}
    title={<ExportTitle />}
    actions={false}
    sx={{ '& .RaShow-card': { bgcolor: 'transparent', boxShadow: 'none' } }}
  >
    <ExportPage />
  </Show>
);

export default ExportShow;
