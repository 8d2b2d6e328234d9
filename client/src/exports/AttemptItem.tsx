import {
  Alert,
  Box,
  Button,
  Collapse,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { AskExchanges, AttemptAsks } from './AttemptAsks.tsx';
import { ExportOutcomeChip } from './ExportOutcomeChip.tsx';
import { stamp } from './format.ts';
import { HttpMessage } from './HttpExchange.tsx';
import { StateChip } from './StateChip.tsx';
import type { AttemptEntry } from './types.ts';

const show = (v: unknown) =>
  v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** IOM's error report, one row per problem: what a person needs to fix the order. */
function IomErrors({ errors }: { errors: NonNullable<AttemptEntry['iomErrors']> }) {
  const translate = useTranslate();
  return (
    <Alert
      severity="error"
      icon={false}
      sx={{ '& .MuiAlert-message': { width: '100%' } }}
      data-testid="iom-errors"
    >
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        {translate('app.exports.timeline.iom_report', { smart_count: errors.length })}
      </Typography>
      <Table size="small" sx={{ '& td, & th': { borderColor: 'error.light', px: 1 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.exports.timeline.code')}</TableCell>
            <TableCell>{translate('app.exports.timeline.message')}</TableCell>
            <TableCell>{translate('app.exports.timeline.value')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {errors.map((e, i) => (
            <TableRow key={i}>
              <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{e.code}</TableCell>
              <TableCell sx={{ fontWeight: 500 }}>{e.message}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
                {show(e.value)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Alert>
  );
}

/** One attempt: why and when it ran, how long it took, what came of it, and the exchange with IOM. */
export function AttemptItem({ attempt, open: initiallyOpen }: { attempt: AttemptEntry; open: boolean }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(initiallyOpen);
  const a = attempt;
  const hasExchange = Boolean(a.request || a.response || a.lookup?.asks?.length);
  return (
    <Box data-attempt={a.number} data-outcome={a.outcome}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {translate('app.exports.timeline.attempt', { number: a.number })}
        </Typography>
        <ExportOutcomeChip outcome={a.outcome} />
        {a.stateAfter && <StateChip state={a.stateAfter} variant="outlined" />}
        <Typography variant="body2" color="text.secondary">
          {translate(`app.exports.cause.${a.cause}`)} · {stamp(a.startedAt)} · {a.durationMs} ms
        </Typography>
      </Stack>
      {a.errorMessage && (
        <Typography
          variant="body2"
          sx={{ mt: 0.5 }}
          color={a.outcome === 'validation_error' ? 'error' : 'text.primary'}
        >
          {a.errorMessage}
        </Typography>
      )}
      {a.iomErrors && a.iomErrors.length > 0 && (
        <Box sx={{ mt: 1 }}>
          <IomErrors errors={a.iomErrors} />
        </Box>
      )}
      {a.warning && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {a.warning}
        </Alert>
      )}
      {a.lookup && <AttemptAsks lookup={a.lookup} />}
      {a.nextAttemptAt && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
          {translate('app.exports.timeline.next', { at: stamp(a.nextAttemptAt) })}
        </Typography>
      )}
      {hasExchange && (
        <>
          <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open} sx={{ mt: 0.5, px: 0 }}>
            {translate(open ? 'app.exports.timeline.hide_exchange' : 'app.exports.timeline.show_exchange')}
          </Button>
          <Collapse in={open} unmountOnExit>
            <Stack direction={{ xs: 'column', lg: 'row' }} sx={{ gap: 2, mt: 1, '& > *': { flex: 1 } }}>
              {a.request && (
                <HttpMessage title={`${a.request.method} ${a.request.url}`} message={a.request} />
              )}
              {a.response && (
                <HttpMessage
                  title={`HTTP ${a.response.status}`}
                  message={a.response}
                  note={a.response.truncated ? translate('app.exports.timeline.truncated') : undefined}
                />
              )}
            </Stack>
            {a.lookup?.asks?.length ? (
              <Stack direction={{ xs: 'column', lg: 'row' }} sx={{ gap: 2, mt: 1, '& > *': { flex: 1 } }}>
                <AskExchanges lookup={a.lookup} />
              </Stack>
            ) : null}
          </Collapse>
        </>
      )}
    </Box>
  );
}
