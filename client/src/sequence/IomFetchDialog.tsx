import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import type { PartyDraft } from './calculatorState.ts';

const SEVERITY = { ok: 'success', empty: 'warning', non_numeric: 'warning' } as const;

/**
 * Asks one channel's IOM for its largest order number and shows the evidence: the numbers seen, what was
 * skipped, every request. The number goes into the party only when the admin confirms it.
 */
export function IomFetchDialog({
  party,
  onClose,
  onConfirm,
}: {
  party: PartyDraft;
  onClose: () => void;
  onConfirm: (change: Partial<PartyDraft>) => void;
}) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const sources = useQuery(trpc.sequence.iomSources.queryOptions());
  const [channelId, setChannelId] = useState(party.channelId ?? '');
  const ask = useMutation(trpc.sequence.fetchIomLargest.mutationOptions());
  const answer = ask.data;

  const confirm = () => {
    if (!answer?.largest) return;
    const { numbers, skipped, ...rest } = answer;
    onConfirm({
      largest: answer.largest,
      channelId: answer.channelId,
      name: party.name.trim() || `IOM ${answer.channelId}`,
      source: 'iom',
      evidence: { ...rest, numbers: numbers.slice(0, 50), skipped: skipped.slice(0, 50) },
    });
  };

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="iom-fetch-title">
      <DialogTitle id="iom-fetch-title">{translate('app.sequence.fetch_title')}</DialogTitle>
      <DialogContent>
        <TextField
          select
          label={translate('app.sequence.fetch_channel')}
          value={channelId}
          onChange={(event) => setChannelId(event.target.value)}
          helperText={translate('app.sequence.fetch_channel_help')}
          fullWidth
          sx={{ mt: 1 }}
        >
          {(sources.data ?? []).map((s) => (
            <MenuItem key={s.channelId} value={s.channelId} disabled={!s.config}>
              {`${s.channelName} (${s.channelId}, shop ${String(s.iomShopId)})`}
              {s.config ? ` — ${s.config.type}` : ` — ${s.unavailable ?? ''}`}
            </MenuItem>
          ))}
        </TextField>
        {ask.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {ask.error.message}
          </Alert>
        )}
        {answer && (
          <Box sx={{ mt: 2 }} data-testid="iom-evidence">
            <Alert severity={SEVERITY[answer.outcome as keyof typeof SEVERITY] ?? 'error'}>
              {answer.message}
            </Alert>
            {answer.sortedAs === 'text' && (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {translate('app.sequence.fetch_sorted_text')}
              </Typography>
            )}
            {answer.numbers.length > 0 && (
              <>
                <Typography variant="subtitle2" sx={{ mt: 1 }}>
                  {translate('app.sequence.fetch_numbers')}
                </Typography>
                {answer.numbers.slice(0, 30).map((n) => (
                  <Chip key={n} label={n} size="small" sx={{ mr: 0.5, mt: 0.5, fontFamily: 'monospace' }} />
                ))}
              </>
            )}
            {answer.skipped.length > 0 && (
              <Typography variant="body2" sx={{ mt: 1 }}>
                {`${translate('app.sequence.fetch_skipped')}: ${answer.skipped.slice(0, 20).join(', ')}`}
              </Typography>
            )}
            <Typography variant="subtitle2" sx={{ mt: 1 }}>
              {translate('app.sequence.fetch_queries')}
            </Typography>
            {answer.queries.map((q, i) => (
              <Typography key={i} variant="body2" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                {`GET ${q.request} → ${q.status ?? '—'}, ${q.count} orders, ${q.ms} ms`}
              </Typography>
            ))}
            {answer.largest && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {translate('app.sequence.fetch_confirm_help')}
              </Typography>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('app.sequence.cancel')}</Button>
        <Button
          disabled={!channelId || ask.isPending}
          onClick={() => ask.mutate({ channelId })}
          startIcon={ask.isPending ? <CircularProgress size={16} /> : undefined}
        >
          {translate(ask.isPending ? 'app.sequence.fetch_running' : 'app.sequence.fetch_run')}
        </Button>
        <Button variant="contained" disabled={!answer?.largest} onClick={confirm}>
          {translate('app.sequence.fetch_confirm', { number: answer?.largest ?? '' })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
