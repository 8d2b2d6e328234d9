import { Alert, Box, Collapse, List, ListItemButton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { PROBE_STEP_LABELS, type ProbeResult, type ProbeStep } from '../../../shared/probe.ts';
import { OutcomeChip } from './OutcomeChip.tsx';
import { OUTCOME_COLOR, STEP_GLYPH } from './outcome.ts';

const severity = { success: 'success', warning: 'warning', error: 'error', default: 'info' } as const;

function StepData({ data }: { data: NonNullable<ProbeStep['data']> }) {
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 0.25 }}>
      {Object.entries(data).map(([key, value]) => (
        <Box key={key} sx={{ display: 'contents', typography: 'caption' }}>
          <Box component="dt" sx={{ color: 'text.secondary', pr: 2 }}>
            {key}
          </Box>
          <Box component="dd" sx={{ m: 0, fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
            {String(value)}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

function StepRow({ step }: { step: ProbeStep }) {
  const [open, setOpen] = useState(step.status === 'failed');
  const mark = STEP_GLYPH[step.status];
  const hasData = Boolean(step.data && Object.keys(step.data).length);
  return (
    <Box component="li" data-step={step.step} data-status={step.status}>
      <ListItemButton
        onClick={() => setOpen(!open)}
        sx={{ alignItems: 'flex-start', gap: 1.5, py: 0.5 }}
        aria-expanded={open}
        aria-label={`${PROBE_STEP_LABELS[step.step]}: ${mark.word}`}
      >
        <Typography sx={{ color: mark.color, fontWeight: 700, width: 16, textAlign: 'center' }}>
          {mark.glyph}
        </Typography>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 2 }}>
            <Typography variant="body2" sx={{ fontWeight: step.status === 'failed' ? 600 : 400 }}>
              {PROBE_STEP_LABELS[step.step]}
            </Typography>
            <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
              {step.status === 'skipped' ? '' : `${step.ms} ms`}
            </Typography>
          </Stack>
          <Typography
            variant="caption"
            color={step.status === 'failed' ? 'error' : 'text.secondary'}
            sx={
              open
                ? { overflowWrap: 'anywhere' }
                : { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }
            }
          >
            {step.detail}
          </Typography>
          {hasData && step.data && (
            <Collapse in={open}>
              <Box sx={{ mt: 0.5 }}>
                <StepData data={step.data} />
              </Box>
            </Collapse>
          )}
        </Box>
      </ListItemButton>
    </Box>
  );
}

/** A test as a ladder: each step with ✓ ⚠ ✗ or –, its time and what it found; the failing step opened. */
export function ProbeLadder({ result }: { result: ProbeResult }) {
  const translate = useTranslate();
  return (
    <Box aria-label={translate('app.probes.ladder_title')} role="region" data-outcome={result.outcome}>
      {result.notice && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="probe-notice">
          {result.notice}
        </Alert>
      )}
      <Alert
        severity={severity[OUTCOME_COLOR[result.outcome]]}
        icon={false}
        sx={{ alignItems: 'center', '& .MuiAlert-message': { width: '100%' } }}
      >
        <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <OutcomeChip outcome={result.outcome} />
          <Typography variant="body2" sx={{ flex: 1, minWidth: 200 }}>
            {result.message}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate('app.probes.total', { ms: result.totalMs })}
          </Typography>
        </Stack>
      </Alert>
      <List dense disablePadding component="ol" sx={{ listStyle: 'none', pl: 0 }}>
        {result.steps.map((step) => (
          <StepRow key={step.step} step={step} />
        ))}
      </List>
    </Box>
  );
}
