import { Alert, Stack } from '@mui/material';
import type { ReactNode } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { RoutedTabs } from '../layout/RoutedTabs.tsx';
import type { ChannelRecord } from '../providers/types.ts';
import { ChannelServices } from '../services/ChannelServices.tsx';
import { HistoryTab } from './HistoryTab.tsx';

/**
 * The channel page: General (the form, or read-only fields for support), Services and History, each at its
 * own address (…/services, …/history) so a save elsewhere can come back to the right tab.
 */
export function ChannelPage({ general }: { general: ReactNode }) {
  const record = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const warnings = record.warnings.length > 0 && (
    <Stack sx={{ gap: 1, p: 2, pb: 0 }}>
      {record.warnings.map((w) => (
        <Alert key={w} severity="warning">
          {w}
        </Alert>
      ))}
    </Stack>
  );
  return (
    <RoutedTabs
      header={warnings}
      tabs={[
        { path: '', label: translate('app.channels.tab_general'), content: general },
        { path: 'services', label: translate('app.channels.tab_services'), content: <ChannelServices /> },
        { path: 'history', label: translate('app.channels.tab_history'), content: <HistoryTab /> },
      ]}
    />
  );
}
