import PlaylistPlayIcon from '@mui/icons-material/PlaylistPlay';
import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { PROBE_OUTCOMES } from '../../../shared/probe.ts';
import { OutcomeChip } from './OutcomeChip.tsx';
import type { useTestAll } from './useTestAll.ts';

interface Props {
  label: string;
  testAll: ReturnType<typeof useTestAll>;
  canRun: boolean;
}

/** The Test all button, then live progress ("37 / 120"), counts by outcome, and Cancel while it runs. */
export function TestAllProgress({ label, testAll, canRun }: Props) {
  const translate = useTranslate();
  const { state, start, cancel } = testAll;
  const running = state.status === 'running';
  const percent = state.total ? (state.done / state.total) * 100 : 0;
  return (
    <Box component="section" aria-label={label} sx={{ width: '100%' }}>
      <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        {canRun && (
          <Button variant="contained" startIcon={<PlaylistPlayIcon />} onClick={start} disabled={running}>
            {label}
          </Button>
        )}
        {running && (
          <Button variant="outlined" color="warning" onClick={cancel}>
            {translate('app.probes.cancel')}
          </Button>
        )}
        {state.status !== 'idle' && (
          <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flex: 1, minWidth: 240 }}>
            <LinearProgress
              variant={running && state.total === 0 ? 'indeterminate' : 'determinate'}
              value={state.status === 'done' ? 100 : percent}
              sx={{ flex: 1, height: 8, borderRadius: 1 }}
              aria-label={translate('app.probes.progress', { done: state.done, total: state.total })}
            />
            <Typography
              variant="body2"
              data-testid="test-all-progress"
              sx={{ minWidth: 64, textAlign: 'right' }}
            >
              {translate('app.probes.progress', { done: state.done, total: state.total })}
            </Typography>
          </Stack>
        )}
      </Stack>
      {state.status !== 'idle' && (
        <Stack direction="row" sx={{ gap: 1, mt: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          {PROBE_OUTCOMES.filter((o) => state.byOutcome[o]).map((o) => (
            <OutcomeChip key={o} outcome={o} suffix={String(state.byOutcome[o])} />
          ))}
          <Typography variant="caption" color="text.secondary">
            {state.status === 'done' &&
              (state.total === 0
                ? translate('app.probes.nothing')
                : translate('app.probes.finished', {
                    done: state.done,
                    total: state.total,
                    seconds: (state.totalMs / 1000).toFixed(1),
                  }))}
            {state.status === 'cancelled' &&
              translate('app.probes.cancelled', { done: state.done, total: state.total })}
          </Typography>
        </Stack>
      )}
      {state.error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {state.error}
        </Alert>
      )}
    </Box>
  );
}
