import { Box, Tooltip, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { relative, span, stamp } from './format.ts';
import { useNow } from './useNow.ts';
import { StateChip } from './StateChip.tsx';
import type { ExportListRow } from './types.ts';

export const StateField = () => {
  const r = useRecordContext<ExportListRow>();
  return r ? <StateChip state={r.state} /> : null;
};

/** The last error in one line; the whole of it, with IOM's code, in the tooltip. */
export const LastErrorField = () => {
  const r = useRecordContext<ExportListRow>();
  if (!r?.lastError) return null;
  const full =
    r.lastIomErrorCode && !r.lastError.includes(r.lastIomErrorCode)
      ? `${r.lastIomErrorCode}: ${r.lastError}`
      : r.lastError;
  return (
    <Tooltip title={full}>
      <Box
        data-testid="last-error"
        sx={{
          maxWidth: 360,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          typography: 'body2',
          color: 'text.secondary',
        }}
      >
        {r.lastError}
      </Box>
    </Tooltip>
  );
};

export const NextRetryField = () => {
  const r = useRecordContext<ExportListRow>();
  const now = useNow();
  if (!r?.nextAttemptAt || !['pending', 'escalated'].includes(r.state)) return null;
  return (
    <Tooltip title={stamp(r.nextAttemptAt)}>
      <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
        {relative(r.nextAttemptAt, now)}
      </Typography>
    </Tooltip>
  );
};

export const AgeField = () => {
  const r = useRecordContext<ExportListRow>();
  const now = useNow();
  if (!r) return null;
  return (
    <Tooltip title={stamp(r.createdAt)}>
      <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
        {span(now - new Date(r.createdAt).getTime())}
      </Typography>
    </Tooltip>
  );
};

export const OrderNumberField = () => {
  const r = useRecordContext<ExportListRow>();
  if (!r) return null;
  return (
    <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
      {r.shopOrderNumber}
    </Typography>
  );
};
