import { Alert, Box, Divider, Stack, Tab, Tabs } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocation, useRecordContext, useSplatPathBase, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { ChannelRecord } from '../providers/types.ts';
import { ChannelServices } from '../services/ChannelServices.tsx';
import { HistoryTab } from './HistoryTab.tsx';

const TABS = ['', 'services', 'history'] as const;
const LABELS = {
  '': 'app.channels.tab_general',
  services: 'app.channels.tab_services',
  history: 'app.channels.tab_history',
};

/**
 * The channel page: General (the form, or read-only fields for support), Services and History, each at its
 * own address (…/services, …/history) so a save elsewhere can come back to the right tab.
 */
export function ChannelPage({ general }: { general: ReactNode }) {
  const record = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  const base = useSplatPathBase();
  const { pathname } = useLocation();
  const rest = pathname.slice(base.length).replace(/^\/+/, '').split('/')[0] ?? '';
  const current = (TABS as readonly string[]).includes(rest) ? (rest as (typeof TABS)[number]) : '';
  if (!record) return null;
  return (
    <Box>
      {record.warnings.length > 0 && (
        <Stack sx={{ gap: 1, p: 2, pb: 0 }}>
          {record.warnings.map((w) => (
            <Alert key={w} severity="warning">
              {w}
            </Alert>
          ))}
        </Stack>
      )}
      <Tabs value={current} sx={{ px: 2 }}>
        {TABS.map((tab) => (
          <Tab
            key={tab}
            value={tab}
            label={translate(LABELS[tab])}
            component={Link}
            to={tab ? `${base}/${tab}` : base}
            replace
          />
        ))}
      </Tabs>
      <Divider />
      {current === 'services' ? <ChannelServices /> : current === 'history' ? <HistoryTab /> : general}
    </Box>
  );
}
