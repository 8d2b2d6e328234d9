import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { NegotiationState } from '../../../shared/sequence/workflow.ts';

const COLOR = {
  draft: 'default',
  proposed: 'info',
  approved: 'primary',
  applied: 'success',
  superseded: 'default',
} as const;

export function StateChip({ state }: { state: NegotiationState }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={COLOR[state]}
      variant={state === 'superseded' ? 'outlined' : 'filled'}
      label={translate(`app.sequence.state.${state}`)}
      data-state={state}
    />
  );
}
