import { Box, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { usePermissions, useTranslate } from 'react-admin';
import { isAllowed } from '../../../shared/access.ts';
import type { Role } from '../../../shared/roles.ts';
import { TestAllProgress } from '../probes/TestAllProgress.tsx';
import { useTestAll } from '../probes/useTestAll.ts';
import { useTRPC } from '../providers/trpc.ts';
import { HealthGrid } from './HealthGrid.tsx';

/** The dashboard's connectivity grid with Test all, whose results fill the grid as they arrive. */
export function ConnectivitySection() {
  const translate = useTranslate();
  const trpc = useTRPC();
  const { permissions } = usePermissions<Role>();
  const testAll = useTestAll();
  const { data, error } = useQuery({ ...trpc.probes.grid.queryOptions(), refetchOnMount: 'always' });
  return (
    <Card sx={{ mt: 3 }} component="section" aria-label={translate('app.probes.grid_title')}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'baseline', gap: 2, flexWrap: 'wrap', mb: 1 }}>
          <Typography variant="h6">{translate('app.probes.grid_title')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('app.probes.grid_hint')}
          </Typography>
        </Stack>
        <Box sx={{ mb: 2 }}>
          <TestAllProgress
            label={translate('app.probes.test_all')}
            testAll={testAll}
            canRun={permissions ? isAllowed(permissions, 'probes.run') : false}
          />
        </Box>
        {error && <Typography color="error">{error.message}</Typography>}
        {!data && !error && <LinearProgress />}
        {data && (
          <HealthGrid grid={data} live={testAll.state.status === 'idle' ? {} : testAll.state.results} />
        )}
      </CardContent>
    </Card>
  );
}
