import { Tooltip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useRecordContext, useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import type { ChannelRecord } from '../providers/types.ts';
import { OutcomeChip } from './OutcomeChip.tsx';
import { outcomeLabel, worstOutcome } from './outcome.ts';

/** The worst latest test outcome across the services a channel uses; the tooltip lists them all. */
export function ChannelHealth() {
  const record = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  const trpc = useTRPC();
  const { data } = useQuery({ ...trpc.probes.grid.queryOptions(), staleTime: 30_000 });
  if (!record || !data) return null;
  const cells = data.cells.filter((c) => c.channelId === record.id);
  const worst = worstOutcome(cells.map((c) => c.outcome));
  if (worst === undefined)
    return (
      <Typography variant="caption" color="text.secondary">
        —
      </Typography>
    );
  const lines = cells.map(
    (c) =>
      `${c.type}: ${outcomeLabel(c.outcome) ?? translate('app.probes.never')}${c.message ? ` — ${c.message}` : ''}`,
  );
  return (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{lines.join('\n')}</span>}>
      {worst === null ? (
        <Typography variant="caption" color="text.secondary" data-outcome="none">
          {translate('app.probes.never')}
        </Typography>
      ) : (
        <OutcomeChip outcome={worst} />
      )}
    </Tooltip>
  );
}
