import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { ExportActions } from './ExportActions.tsx';
import { outcomeInWords, stamp } from './format.ts';
import { StateChip } from './StateChip.tsx';
import type { ExportDetail } from './types.ts';
import { useCanRunExports } from './usePermission.ts';

/** Which order, where, how it stands in one sentence, and (for support) what can be done about it. */
export function ExportHeader({ record }: { record: ExportDetail }) {
  const translate = useTranslate();
  const canRun = useCanRunExports();
  const words = outcomeInWords(record);
  return (
    <Card variant="outlined" component="section" aria-label={translate('app.exports.header')}>
      <CardContent>
        <Stack direction="row" sx={{ gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1" sx={{ fontFamily: 'monospace', fontWeight: 600 }}>
            {record.shopOrderNumber}
          </Typography>
          <StateChip state={record.state} sx={{ fontSize: 14, height: 28 }} data-testid="export-state" />
          <Typography variant="body2" color="text.secondary">
            <Link to={`/channels/${encodeURIComponent(record.channelId)}/show`}>{record.channelName}</Link>
            {' · '}
            {translate('app.exports.attempts_count', { smart_count: record.attempts })}
            {' · '}
            {translate('app.exports.received', { at: stamp(record.createdAt) })}
          </Typography>
        </Stack>
        <Alert severity={words.severity} sx={{ mt: 2 }} data-testid="outcome-words">
          {words.text}
          {record.lastIomErrorCode && (
            <Box component="span" sx={{ ml: 1, fontFamily: 'monospace' }}>
              ({record.lastIomErrorCode})
            </Box>
          )}
        </Alert>
        {canRun && (
          <Box sx={{ mt: 2 }}>
            <ExportActions record={record} />
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
