import { Box, Card, CardContent, LinearProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { AttemptItem } from './AttemptItem.tsx';
import { EventItem } from './EventItem.tsx';
import type { TimelineEntry } from './types.ts';

const DOT = { attempt: 'primary.main', event: 'grey.500' } as const;
const dotColor = (e: TimelineEntry) =>
  e.kind === 'event'
    ? DOT.event
    : e.attempt.outcome === 'validation_error'
      ? 'error.main'
      : e.attempt.outcome === 'technical_error'
        ? 'warning.main'
        : 'success.main';

/** Attempts and people's actions in one line of time, oldest first; the last attempt's exchange opened. */
export function Timeline({ exportId, version }: { exportId: string; version: string }) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const { data, error, isPending, refetch } = useQuery(trpc.exports.timeline.queryOptions({ exportId }));
  // The export changed (an attempt, someone's action): its timeline did too.
  useEffect(() => {
    void refetch();
  }, [version, refetch]);
  const lastAttempt = data?.findLastIndex((e) => e.kind === 'attempt') ?? -1;
  return (
    <Card variant="outlined" component="section" aria-label={translate('app.exports.timeline.title')}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          {translate('app.exports.timeline.title')}
        </Typography>
        {isPending && <LinearProgress />}
        {error && <Typography color="error">{error.message}</Typography>}
        {data?.length === 0 && (
          <Typography color="text.secondary">{translate('app.exports.timeline.empty')}</Typography>
        )}
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {data?.map((entry, i) => (
            <Box
              component="li"
              key={entry.kind === 'attempt' ? `a${entry.attempt.id}` : `e${entry.event.id}`}
              sx={{
                position: 'relative',
                pl: 3,
                pb: 2,
                borderLeft: 2,
                borderColor: i === data.length - 1 ? 'transparent' : 'divider',
                ml: 0.75,
              }}
            >
              <Box
                sx={{
                  position: 'absolute',
                  left: -7,
                  top: 4,
                  width: 12,
                  height: 12,
                  borderRadius: '50%',
                  bgcolor: dotColor(entry),
                }}
              />
              {entry.kind === 'attempt' ? (
                <AttemptItem
                  // A new attempt closes the exchange of the one before (the key remounts it).
                  key={i === lastAttempt ? 'last' : 'earlier'}
                  attempt={entry.attempt}
                  open={i === lastAttempt && entry.attempt.outcome !== 'created'}
                />
              ) : (
                <EventItem event={entry.event} at={entry.at} />
              )}
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}
