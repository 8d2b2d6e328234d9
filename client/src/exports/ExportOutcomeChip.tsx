import { Chip } from '@mui/material';
import type { ExportOutcome } from '../../../shared/exports.ts';

const LOOK: Record<ExportOutcome, { label: string; color: 'success' | 'warning' | 'error' }> = {
  created: { label: 'Created', color: 'success' },
  duplicate: { label: 'Duplicate', color: 'success' },
  technical_error: { label: 'Technical error', color: 'warning' },
  validation_error: { label: 'Rejected', color: 'error' },
};

/** An attempt's outcome: green when IOM has the order, amber when a retry may work, red when it needs a fix. */
export function ExportOutcomeChip({ outcome }: { outcome: ExportOutcome }) {
  const look = LOOK[outcome];
  return (
    <Chip
      size="small"
      color={look.color}
      variant={outcome === 'created' ? 'filled' : 'outlined'}
      label={look.label}
      data-outcome={outcome}
    />
  );
}
