import { Chip, type ChipProps } from '@mui/material';
import { STATE_LABEL, type ExportState } from '../../../shared/exports.ts';
import { STATE_COLOR } from './format.ts';

/** An export's state as a coloured chip; `data-state` lets tests and styles find it. */
export function StateChip({ state, ...rest }: { state: ExportState } & Omit<ChipProps, 'label' | 'color'>) {
  return (
    <Chip
      size="small"
      color={STATE_COLOR[state]}
      variant={state === 'exported' || state === 'failed' ? 'filled' : 'outlined'}
      label={STATE_LABEL[state]}
      data-state={state}
      {...rest}
    />
  );
}
