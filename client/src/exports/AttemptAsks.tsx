import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { HttpMessage } from './HttpExchange.tsx';
import type { AttemptEntry } from './types.ts';

type Lookup = NonNullable<AttemptEntry['lookup']>;

/**
 * What the exporter asked IOM during the attempt (whether IOM holds the order) and what IOM's answer came to,
 * one line per question; attempts logged before questions were kept in full show the old one-line summary.
 */
export function AttemptAsks({ lookup }: { lookup: Lookup }) {
  const translate = useTranslate();
  if (!lookup.asks?.length)
    return (
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.5 }}>
        {translate(
          lookup.found ? 'app.exports.timeline.lookup_found' : 'app.exports.timeline.lookup_missing',
          {
            url: lookup.url,
          },
        )}
      </Typography>
    );
  return (
    <Box sx={{ mt: 0.5 }} data-testid="attempt-asks">
      {lookup.asks.map((ask, i) => (
        <Typography
          key={i}
          variant="caption"
          color="text.secondary"
          sx={{ display: 'block' }}
          data-verdict={ask.verdict}
        >
          {translate('app.exports.timeline.ask', {
            reason: translate(`app.exports.ask_reason.${ask.reason}`),
            verdict: translate(`app.exports.ask_verdict.${ask.verdict}`),
            status: ask.response ? ask.response.status : '—',
          })}
          {ask.problem ? ` ${ask.problem}.` : ''}
        </Typography>
      ))}
    </Box>
  );
}

/** The questions' requests and answers, for the expanded exchange. */
export function AskExchanges({ lookup }: { lookup: Lookup | null }) {
  const translate = useTranslate();
  return (
    <>
      {(lookup?.asks ?? []).flatMap((ask, i) => [
        <HttpMessage
          key={`q${i}`}
          title={`${ask.request.method} ${ask.request.url}`}
          message={{ headers: ask.request.headers, body: '' }}
        />,
        ask.response ? (
          <HttpMessage
            key={`a${i}`}
            title={`HTTP ${ask.response.status}`}
            message={ask.response}
            note={ask.response.truncated ? translate('app.exports.timeline.truncated') : undefined}
          />
        ) : null,
      ])}
    </>
  );
}
