import {
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { ProbeOutcome } from '../../../shared/probe.ts';
import { OUTCOME_COLOR, ago, outcomeLabel } from '../probes/outcome.ts';
import { RunDialog } from '../probes/RunDialog.tsx';
import type { LiveResult } from '../probes/useTestAll.ts';
import type { ProbeGrid } from '../providers/types.ts';
import { useCatalogue } from '../services/useCatalogue.ts';

type Cell = ProbeGrid['cells'][number];
const BG = {
  success: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
  default: 'grey.400',
} as const;

function GridCell({ cell, live, onOpen }: { cell?: Cell; live?: LiveResult; onOpen: () => void }) {
  const translate = useTranslate();
  if (!cell && !live) return <TableCell sx={{ color: 'text.disabled', textAlign: 'center' }}>·</TableCell>;
  const outcome: ProbeOutcome | null = live?.outcome ?? cell?.outcome ?? null;
  const message = live?.message ?? cell?.message ?? translate('app.probes.never');
  const when = live ? translate('app.probes.ago.now') : cell?.testedAt ? ago(cell.testedAt, translate) : '';
  return (
    <TableCell sx={{ p: 0.5 }}>
      <Tooltip
        title={`${outcomeLabel(outcome) ?? translate('app.probes.never')}${when ? ` · ${when}` : ''} — ${message}`}
      >
        <Box
          component="button"
          type="button"
          onClick={onOpen}
          data-outcome={outcome ?? 'none'}
          aria-label={`${cell?.channelId ?? live?.channelId} ${cell?.type ?? live?.type}: ${outcomeLabel(outcome) ?? translate('app.probes.never')}`}
          sx={{
            width: '100%',
            minWidth: 72,
            height: 28,
            border: 0,
            borderRadius: 1,
            cursor: 'pointer',
            bgcolor: BG[outcome ? OUTCOME_COLOR[outcome] : 'default'],
            color: 'common.white',
            typography: 'caption',
            fontWeight: 600,
            transition: 'background-color 300ms',
            px: 0.5,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          {outcomeLabel(outcome) ?? '—'}
        </Box>
      </Tooltip>
    </TableCell>
  );
}

/** Channels × service types, each cell coloured by the latest test of what the channel uses; grey: never tested. */
export function HealthGrid({ grid, live }: { grid: ProbeGrid; live: Record<string, LiveResult> }) {
  const translate = useTranslate();
  const { data: catalogue } = useCatalogue();
  const [open, setOpen] = useState<{ channelId: string; configId: string; type: string } | null>(null);
  if (!catalogue) return <LinearProgress />;
  const channels = [...new Set([...grid.channels, ...Object.values(live).map((r) => r.channelId)])].sort();
  if (channels.length === 0)
    return <Typography color="text.secondary">{translate('app.probes.grid_empty')}</Typography>;
  const byKey = new Map(grid.cells.map((c) => [`${c.channelId}/${c.type}`, c]));
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        aria-label={translate('app.probes.grid_title')}
        sx={{ tableLayout: 'fixed', minWidth: 800 }}
      >
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 200 }} />
            {catalogue.map((e) => (
              <TableCell
                key={e.type}
                sx={{ typography: 'caption', fontWeight: 600, lineHeight: 1.2 }}
                title={e.label}
              >
                {e.type}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {channels.map((channelId) => (
            <TableRow key={channelId} data-channel={channelId}>
              <TableCell sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                <Link to={`/channels/${encodeURIComponent(channelId)}/services`}>{channelId}</Link>
              </TableCell>
              {catalogue.map((e) => {
                const key = `${channelId}/${e.type}`;
                const cell = byKey.get(key);
                const result = live[key];
                const configId = result?.configId ?? cell?.configId ?? '';
                return (
                  <GridCell
                    key={e.type}
                    cell={cell}
                    live={result}
                    onOpen={() => setOpen({ channelId, configId, type: e.type })}
                  />
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {open && (
        <RunDialog
          title={`${open.type} — ${open.channelId}`}
          configId={open.configId}
          channelId={open.channelId}
          onClose={() => setOpen(null)}
        />
      )}
    </Box>
  );
}
