import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useRefresh, useTranslate } from 'react-admin';
import { STATE_LABEL } from '../../../shared/exports.ts';
import type { ExportFilter } from '../../../shared/schemas/exports.ts';
import { useTRPC } from '../providers/trpc.ts';
import type { BulkJob } from './types.ts';

const RUNNING: BulkJob['state'][] = ['running', 'cancelling'];

function Progress({ job }: { job: BulkJob }) {
  const translate = useTranslate();
  const percent = job.total ? (job.processed / job.total) * 100 : 100;
  const reasons = Object.entries(job.skippedReasons);
  return (
    <Stack sx={{ gap: 1 }} data-testid="bulk-progress" data-job-state={job.state}>
      <LinearProgress
        variant="determinate"
        value={percent}
        sx={{ height: 8, borderRadius: 1 }}
        aria-label={translate('app.exports.bulk.progress', { processed: job.processed, total: job.total })}
      />
      <Typography variant="body2">
        {translate('app.exports.bulk.progress', { processed: job.processed, total: job.total })} ·{' '}
        {translate('app.exports.bulk.counts', { retried: job.retried, skipped: job.skipped })}
      </Typography>
      {job.state === 'cancelled' && (
        <Alert severity="info">
          {translate('app.exports.bulk.cancelled', { processed: job.processed, total: job.total })}
        </Alert>
      )}
      {job.state === 'done' && (
        <Alert severity="success">
          {translate('app.exports.bulk.done', { retried: job.retried, total: job.total })}
        </Alert>
      )}
      {job.state === 'failed' && (
        <Alert severity="error">{job.error ?? translate('app.exports.bulk.failed')}</Alert>
      )}
      {reasons.length > 0 && (
        <Typography variant="caption" color="text.secondary">
          {translate('app.exports.bulk.skipped_because')}{' '}
          {reasons.map(([reason, n]) => `${reason} (${n})`).join('; ')}
        </Typography>
      )}
    </Stack>
  );
}

/** Retry every export the list's filter matches: a preview first, then a background job with progress. */
export function BulkRetryDialog({ filter, onClose }: { filter: ExportFilter; onClose: () => void }) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [jobId, setJobId] = useState<string | null>(null);
  const preview = useQuery({ ...trpc.exports.bulkPreview.queryOptions({ filter }), staleTime: 0 });
  const start = useMutation(trpc.exports.bulkStart.mutationOptions({ onSuccess: (job) => setJobId(job.id) }));
  const job = useQuery({
    ...trpc.exports.bulkJob.queryOptions({ id: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && !RUNNING.includes(q.state.data.state) ? false : 1000),
  });
  const cancel = useMutation(
    trpc.exports.bulkCancel.mutationOptions({ onSuccess: () => void job.refetch() }),
  );
  const current = job.data ?? start.data;
  const running = current ? RUNNING.includes(current.state) : false;
  const close = () => {
    if (current) refresh();
    onClose();
  };
  const p = preview.data;
  const notRetryable = p?.notRetryable.reduce((n, r) => n + r.count, 0) ?? 0;
  return (
    <Dialog open onClose={running ? undefined : close} fullWidth maxWidth="sm">
      <DialogTitle>{translate('app.exports.bulk.title')}</DialogTitle>
      <DialogContent>
        {preview.isPending && <LinearProgress />}
        {preview.error && <Alert severity="error">{preview.error.message}</Alert>}
        {p && !current && (
          <Box data-testid="bulk-preview">
            {p.retryable === 0 && notRetryable === 0 ? (
              <Alert severity="info">{translate('app.exports.bulk.nothing')}</Alert>
            ) : (
              <Typography>
                {translate('app.exports.bulk.will_retry', { smart_count: p.retryable })}
                {notRetryable > 0 &&
                  ` ${translate('app.exports.bulk.not_retryable', { smart_count: notRetryable })}`}
              </Typography>
            )}
            {p.notRetryable.length > 0 && (
              <List dense>
                {p.notRetryable.map((r) => (
                  <ListItem key={`${r.state}:${r.reason}`} disableGutters>
                    <ListItemText primary={`${r.count} × ${STATE_LABEL[r.state]}`} secondary={r.reason} />
                  </ListItem>
                ))}
              </List>
            )}
          </Box>
        )}
        {start.error && <Alert severity="error">{start.error.message}</Alert>}
        {current && <Progress job={current} />}
      </DialogContent>
      <DialogActions>
        {running && current ? (
          <Button
            color="warning"
            disabled={current.state === 'cancelling' || cancel.isPending}
            onClick={() => cancel.mutate({ id: current.id })}
          >
            {translate('app.exports.bulk.cancel')}
          </Button>
        ) : (
          <Button onClick={close}>{translate(current ? 'app.exports.close' : 'app.exports.cancel')}</Button>
        )}
        {!current && (
          <Button
            variant="contained"
            disabled={!p || p.retryable === 0 || start.isPending}
            onClick={() => start.mutate({ filter })}
          >
            {translate('app.exports.bulk.start', { smart_count: p?.retryable ?? 0 })}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
