import { lazy } from 'react';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { audit } from './audit/index.ts';
import { channels } from './channels/index.ts';
import { orderExports } from './exports/index.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { organizations } from './organizations/index.ts';
import { authProvider } from './providers/authProvider.ts';
import { dataProvider } from './providers/dataProvider.ts';
import { i18nProvider } from './providers/i18nProvider.ts';
import { queryClient, TRPCProvider, trpcClient } from './providers/trpc.ts';
import { theme } from './layout/theme.ts';
import { sequence } from './sequence/index.ts';
import { services } from './services/index.ts';
import { tokens } from './tokens/index.ts';
import { users } from './users/index.ts';

const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));
const ChangePassword = lazy(() => import('./account/ChangePassword.tsx'));

export function App() {
  return (
    <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
      <Admin
        title="Switchboard"
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        queryClient={queryClient}
        dashboard={Dashboard}
        layout={AppLayout}
        theme={theme}
        requireAuth
        disableTelemetry
      >
        <Resource name="channels" {...channels} />
        <Resource name="exports" {...orderExports} />
        <Resource name="organizations" {...organizations} />
        <Resource name="services" {...services} />
        <Resource name="users" {...users} />
        <Resource name="tokens" {...tokens} />
        <Resource name="sequence" {...sequence} />
        <Resource name="audit" {...audit} />
        <CustomRoutes>
          <Route path="/account/password" element={<ChangePassword />} />
        </CustomRoutes>
      </Admin>
    </TRPCProvider>
  );
}
