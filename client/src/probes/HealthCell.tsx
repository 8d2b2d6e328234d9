import { Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { LatestTest } from '../providers/types.ts';
import { OutcomeChip } from './OutcomeChip.tsx';
import { RunDialog } from './RunDialog.tsx';
import { ago } from './outcome.ts';

interface Props {
  latest: LatestTest | null;
  configId: string;
  channelId: string;
  title: string;
}

/** The latest test as "OK · 3 min ago" with its message on hover; a click opens its ladder and history. */
export function HealthCell({ latest, configId, channelId, title }: Props) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!latest) {
    return (
      <Typography variant="caption" color="text.secondary" data-outcome="none">
        {translate('app.probes.never')}
      </Typography>
    );
  }
  return (
    <>
      <Tooltip title={latest.message}>
        <OutcomeChip
          outcome={latest.outcome}
          suffix={ago(latest.at, translate)}
          onClick={() => setOpen(true)}
          aria-label={`${translate('app.effective.column_health')}: ${latest.outcome}. ${translate('app.probes.health_hint')}`}
        />
      </Tooltip>
      {open && (
        <RunDialog
          title={title}
          configId={configId}
          channelId={channelId}
          runId={latest.id}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
