import { Alert, Box, Divider, Tab, Tabs } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocation, useRecordContext, useSplatPathBase, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { OrganizationRecord } from '../providers/types.ts';
import { OrganizationChannels } from './OrganizationChannels.tsx';
import { OrganizationServices } from './OrganizationServices.tsx';

const TABS = ['', 'services', 'channels'] as const;
const LABELS = {
  '': 'app.organizations.tab_general',
  services: 'app.organizations.tab_services',
  channels: 'app.organizations.tab_channels',
};

/** The organization page: General, Services (shared configurations) and Channels, each at its own address. */
export function OrganizationPage({ general }: { general: ReactNode }) {
  const record = useRecordContext<OrganizationRecord>();
  const translate = useTranslate();
  const base = useSplatPathBase();
  const { pathname } = useLocation();
  const rest = pathname.slice(base.length).replace(/^\/+/, '').split('/')[0] ?? '';
  const current = (TABS as readonly string[]).includes(rest) ? (rest as (typeof TABS)[number]) : '';
  if (!record) return null;
  return (
    <Box>
      {record.id === 'default' && (
        <Alert severity="info" sx={{ m: 2, mb: 0 }}>
          {translate('app.organizations.default_hint')}
        </Alert>
      )}
      <Tabs value={current} sx={{ px: 2 }}>
        {TABS.map((tab) => (
          <Tab
            key={tab}
            value={tab}
            label={`${translate(LABELS[tab])}${tab === 'services' ? ` (${record.serviceCount})` : tab === 'channels' ? ` (${record.channelCount})` : ''}`}
            component={Link}
            to={tab ? `${base}/${tab}` : base}
            replace
          />
        ))}
      </Tabs>
      <Divider />
      {current === 'services' ? (
        <OrganizationServices />
      ) : current === 'channels' ? (
        <OrganizationChannels />
      ) : (
        general
      )}
    </Box>
  );
}
