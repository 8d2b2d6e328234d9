import { Alert, Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { SequenceComputation } from '../../../shared/sequence/compute.ts';
import { CopyBlock } from './CopyBlock.tsx';

/** The start, the formula with its actual numbers, notes and warnings, and the three outputs to apply. */
export function OutputsPanel({ computation }: { computation: SequenceComputation }) {
  const translate = useTranslate();
  const c = computation;
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="overline">{translate('app.sequence.result')}</Typography>
      <Typography
        variant="h4"
        data-testid="sequence-start"
        sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
      >
        {c.start}
      </Typography>
      <Box component="ol" aria-label={translate('app.sequence.explanation')} sx={{ pl: 2.5, my: 1 }}>
        {c.explanation.map((line) => (
          <Typography component="li" variant="body2" key={line}>
            {line}
          </Typography>
        ))}
      </Box>
      {c.notes.map((note) => (
        <Alert key={note} severity="info" sx={{ mb: 1 }}>
          {note}
        </Alert>
      ))}
      {c.warnings.map((warning) => (
        <Alert key={warning} severity="warning" sx={{ mb: 1 }}>
          {warning}
        </Alert>
      ))}
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('app.sequence.outputs')}
      </Typography>
      <CopyBlock name={translate('app.sequence.property_line')} text={c.outputs.propertyLine} />
      <Alert severity="warning" sx={{ mt: 1 }} data-testid="sequence-spelling">
        {c.outputs.spellingWarning}
      </Alert>
      <CopyBlock
        name={translate('app.sequence.database_properties')}
        text={c.outputs.databaseProperties}
        help={translate(
          c.newBlockSize
            ? 'app.sequence.database_properties_help_block'
            : 'app.sequence.database_properties_help',
        )}
      />
      <CopyBlock
        name={translate('app.sequence.deployment')}
        text={c.outputs.deployment}
        help={translate('app.sequence.deployment_help')}
      />
    </Box>
  );
}
