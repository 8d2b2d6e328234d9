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
  ListItemButton,
  ListItemText,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { OutcomeChip } from './OutcomeChip.tsx';
import { ProbeLadder } from './ProbeLadder.tsx';
import { ago } from './outcome.ts';

interface Props {
  title: string;
  configId: string;
  channelId: string;
  /** The run to show first; the newest when left out. */
  runId?: string;
  onClose: () => void;
}

/** One stored test as a ladder, beside the configuration's test history for this channel. */
export function RunDialog({ title, configId, channelId, runId, onClose }: Props) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const [selected, setSelected] = useState(runId);
  const { data, error, isPending } = useQuery({
    ...trpc.probes.history.queryOptions({ configId, channelId }),
    refetchOnMount: 'always',
  });
  const run = data?.find((r) => r.id === selected) ?? data?.[0];
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="run-dialog-title">
      <DialogTitle id="run-dialog-title">{title}</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', gap: 2, flexDirection: { xs: 'column', md: 'row' } }}>
        {isPending && <LinearProgress sx={{ width: '100%' }} />}
        {error && <Alert severity="error">{error.message}</Alert>}
        {data && (
          <>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              {run ? (
                <>
                  <Typography variant="caption" color="text.secondary">
                    {new Date(run.startedAt).toLocaleString()} ·{' '}
                    {translate('app.probes.run_by', { who: run.runBy, when: ago(run.startedAt, translate) })}
                  </Typography>
                  <ProbeLadder result={run} />
                </>
              ) : (
                <Typography>{translate('app.probes.history_empty')}</Typography>
              )}
            </Box>
            <Box
              sx={{ width: { xs: '100%', md: 240 } }}
              component="section"
              aria-label={translate('app.probes.history')}
            >
              <Typography variant="subtitle2">{translate('app.probes.history')}</Typography>
              <List dense disablePadding sx={{ maxHeight: 420, overflowY: 'auto' }}>
                {data.map((r) => (
                  <ListItemButton key={r.id} selected={r.id === run?.id} onClick={() => setSelected(r.id)}>
                    <ListItemText
                      primary={<OutcomeChip outcome={r.outcome} />}
                      secondary={`${new Date(r.startedAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' })} · ${r.trigger}`}
                    />
                  </ListItemButton>
                ))}
              </List>
            </Box>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('app.probes.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
