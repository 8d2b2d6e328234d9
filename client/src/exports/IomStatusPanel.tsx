import { Alert, Card, CardContent, LinearProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { NOT_IN_INTERSHOP_MAPPING } from '../../../shared/iomOrderStates.ts';
import { useTRPC } from '../providers/trpc.ts';
import { clock } from './format.ts';

/**
 * The order's state in IOM now, through the channel's order-history service (honouring its cache), with ICM's
 * name for it from Intershop's mapping, or, for a state the mapping does not list, IOM's name marked as such.
 * IOM being unreachable is a calm line with the reason, not an error page.
 */
export function IomStatusPanel({ exportId }: { exportId: string }) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery({
    ...trpc.exports.iomStatus.queryOptions({ id: exportId }),
    staleTime: 30_000,
  });
  return (
    <Card variant="outlined" component="section" aria-label={translate('app.exports.iom.title')}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          {translate('app.exports.iom.title')}
        </Typography>
        {isPending && <LinearProgress />}
        {error && (
          <Alert severity="info" icon={false}>
            {translate('app.exports.iom.unavailable', { reason: error.message })}
          </Alert>
        )}
        {data && !data.available && (
          <Alert severity="info" data-testid="iom-status">
            {translate('app.exports.iom.unavailable', { reason: data.reason })}
          </Alert>
        )}
        {data?.available && (
          <Alert severity="success" icon={false} data-testid="iom-status">
            <strong>IOM: {data.iomState}</strong> —{' '}
            {data.icmName ?? (
              <Typography component="span" variant="body2" sx={{ fontStyle: 'italic' }}>
                {NOT_IN_INTERSHOP_MAPPING}
              </Typography>
            )}{' '}
            <Typography component="span" variant="body2" color="text.secondary">
              {translate(data.cached ? 'app.exports.iom.as_of_cached' : 'app.exports.iom.as_of', {
                time: clock(data.fetchedAt),
                ttl: data.cacheTtlSeconds,
              })}
            </Typography>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
