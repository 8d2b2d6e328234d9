import { Alert, Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { SequenceResult } from '../../../shared/sequence/compute.ts';
import { OutputsPanel } from './OutputsPanel.tsx';

/** The live result of the calculator: the outputs, or what is still missing or wrong. */
export function ResultPanel({ result, startsWith }: { result: SequenceResult; startsWith: string }) {
  const translate = useTranslate();
  if (result.ok) return <OutputsPanel computation={result.value} />;
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="overline">{translate('app.sequence.result')}</Typography>
      {startsWith.trim() === '' ? (
        <Alert severity="info">{translate('app.sequence.result_missing')}</Alert>
      ) : (
        <Alert severity="error" role="alert">
          {result.errors.map((e) => (
            <div key={e.field}>{e.message}</div>
          ))}
        </Alert>
      )}
    </Box>
  );
}
