import { Chip, type ChipProps } from '@mui/material';
import type { ProbeOutcome } from '../../../shared/probe.ts';
import { OUTCOME_COLOR, outcomeLabel } from './outcome.ts';

/** A test's outcome as a coloured chip ("Authentication failed"); grey for never tested. */
export function OutcomeChip({
  outcome,
  suffix,
  ...rest
}: { outcome: ProbeOutcome | null; suffix?: string } & Omit<ChipProps, 'label' | 'color'>) {
  const label = outcomeLabel(outcome) ?? '—';
  return (
    <Chip
      size="small"
      color={outcome ? OUTCOME_COLOR[outcome] : 'default'}
      variant={outcome === 'ok' ? 'filled' : 'outlined'}
      label={suffix ? `${label} · ${suffix}` : label}
      data-outcome={outcome ?? 'none'}
      {...rest}
    />
  );
}
