import { Box, Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useGetIdentity, useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { ConnectivitySection } from './ConnectivitySection.tsx';
import { ExportsSection } from './ExportsSection.tsx';
import { StatCard } from './StatCard.tsx';

export default function Dashboard() {
  const trpc = useTRPC();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { data, isPending, error } = useQuery({
    ...trpc.dashboard.summary.queryOptions(),
    refetchInterval: 30_000,
  });
  if (isPending) return <Loading />;
  if (error) return <Typography color="error">{error.message}</Typography>;
  const roles = data.users?.byRole ?? {};
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('app.dashboard.title')} />
      <Typography variant="h5" sx={{ mb: 2 }}>
        {translate('app.dashboard.welcome', { name: identity?.fullName ?? '' })}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
        {data.users && (
          <>
            <StatCard
              label={translate('app.dashboard.active_users')}
              value={data.users.active}
              hint={Object.entries(roles)
                .map(([role, n]) => `${n} ${translate(`app.roles.${role}`)}`)
                .join(' · ')}
            />
            <StatCard label={translate('app.dashboard.disabled_users')} value={data.users.disabled} />
            <StatCard label={translate('app.dashboard.signed_in')} value={data.users.signedInNow} />
          </>
        )}
        {data.activity && (
          <>
            <StatCard label={translate('app.dashboard.changes_24h')} value={data.activity.changesLast24h} />
            <StatCard
              label={translate('app.dashboard.failed_logins_24h')}
              value={data.activity.failedLoginsLast24h}
            />
          </>
        )}
      </Stack>
      {data.myChannels && (
        <Box sx={{ mt: 3 }}>
          <Typography variant="h6">{translate('app.dashboard.my_channels')}</Typography>
          {data.myChannels.length === 0 ? (
            <Typography>{translate('app.dashboard.no_channels')}</Typography>
          ) : (
            data.myChannels.map((c) => <Chip key={c} label={c} sx={{ mr: 1, mt: 1 }} />)
          )}
        </Box>
      )}
      <ExportsSection />
      <ConnectivitySection />
    </Box>
  );
}
