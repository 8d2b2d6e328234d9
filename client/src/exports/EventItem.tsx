import { Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STATE_LABEL } from '../../../shared/exports.ts';
import { stamp } from './format.ts';
import type { EventEntry } from './types.ts';

/** What a person (or the intake) did: who, what, when, the state it moved the export to, and their words. */
export function EventItem({ event, at }: { event: EventEntry; at: Date }) {
  const translate = useTranslate();
  const move =
    event.fromState && event.toState && event.fromState !== event.toState
      ? ` · ${STATE_LABEL[event.fromState]} → ${STATE_LABEL[event.toState]}`
      : '';
  return (
    <Box data-event={event.kind}>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {translate(`app.exports.event.${event.kind}`)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {event.actorEmail ?? translate('app.exports.timeline.system')} · {stamp(at)}
          {move}
        </Typography>
      </Stack>
      {event.message && (
        <Typography
          variant="body2"
          sx={{ mt: 0.5, whiteSpace: 'pre-wrap', fontStyle: event.kind === 'note' ? 'normal' : 'italic' }}
        >
          {event.message}
        </Typography>
      )}
    </Box>
  );
}
