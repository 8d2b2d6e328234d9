import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { RoutedTabs } from '../layout/RoutedTabs.tsx';
import type { OrganizationRecord } from '../providers/types.ts';
import { OrganizationChannels } from './OrganizationChannels.tsx';
import { OrganizationServices } from './OrganizationServices.tsx';

/** The organization page: General, Services (shared configurations) and Channels, each at its own address. */
export function OrganizationPage({ general }: { general: ReactNode }) {
  const record = useRecordContext<OrganizationRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const hint = record.id === 'default' && (
    <Alert severity="info" sx={{ m: 2, mb: 0 }}>
      {translate('app.organizations.default_hint')}
    </Alert>
  );
  return (
    <RoutedTabs
      header={hint}
      tabs={[
        { path: '', label: translate('app.organizations.tab_general'), content: general },
        {
          path: 'services',
          label: `${translate('app.organizations.tab_services')} (${record.serviceCount})`,
          content: <OrganizationServices />,
        },
        {
          path: 'channels',
          label: `${translate('app.organizations.tab_channels')} (${record.channelCount})`,
          content: <OrganizationChannels />,
        },
      ]}
    />
  );
}
