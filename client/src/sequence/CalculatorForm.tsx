import { Box, Chip, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Calculator } from './calculatorState.ts';
import { PartyRows, shownError } from './PartyRows.tsx';
import { SequencesInfoPanel } from './SequencesInfoPanel.tsx';

/** The calculator's inputs: ICM (typed, or from its sequences-info.properties), the other parties, a prefix. */
export function CalculatorForm({ calculator }: { calculator: Calculator }) {
  const translate = useTranslate();
  const { values, errors, update } = calculator;
  const typed = { icmSource: 'typed' as const, icmEvidence: null };
  return (
    <Box sx={{ minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Typography variant="subtitle1">{translate('app.sequence.icm')}</Typography>
        {values.icmSource === 'sequences-info' && (
          <Chip size="small" color="info" label={translate('app.sequence.source_sequences_info')} />
        )}
      </Stack>
      <Stack direction="row" sx={{ gap: 1, mt: 1 }}>
        <TextField
          label={translate('app.sequence.icm_starts_with')}
          value={values.icmStartsWith}
          onChange={(e) => update({ icmStartsWith: e.target.value, ...typed })}
          error={Boolean(shownError(errors, 'icmStartsWith', values.icmStartsWith))}
          helperText={
            shownError(errors, 'icmStartsWith', values.icmStartsWith) ??
            translate('app.sequence.icm_starts_with_help')
          }
          sx={{ flex: 2 }}
          slotProps={{
            htmlInput: { name: 'icmStartsWith', inputMode: 'numeric', style: { fontFamily: 'monospace' } },
          }}
        />
        <TextField
          label={translate('app.sequence.icm_block_size')}
          value={values.icmBlockSize}
          onChange={(e) => update({ icmBlockSize: e.target.value, ...typed })}
          error={Boolean(shownError(errors, 'icmBlockSize', values.icmBlockSize))}
          helperText={
            shownError(errors, 'icmBlockSize', values.icmBlockSize) ??
            translate('app.sequence.icm_block_size_help')
          }
          sx={{ flex: 1 }}
          slotProps={{ htmlInput: { name: 'icmBlockSize', inputMode: 'numeric', placeholder: '50' } }}
        />
      </Stack>
      <SequencesInfoPanel calculator={calculator} />
      <PartyRows calculator={calculator} />
      <TextField
        label={translate('app.sequence.prefix')}
        value={values.prefix}
        onChange={(e) => update({ prefix: e.target.value })}
        error={Boolean(shownError(errors, 'prefix', values.prefix))}
        helperText={shownError(errors, 'prefix', values.prefix) ?? translate('app.sequence.prefix_help')}
        fullWidth
        sx={{ mt: 3 }}
        slotProps={{ htmlInput: { name: 'prefix', inputMode: 'numeric' } }}
      />
      <TextField
        label={translate('app.sequence.new_block_size')}
        value={values.newBlockSize}
        onChange={(e) => update({ newBlockSize: e.target.value })}
        error={Boolean(shownError(errors, 'newBlockSize', values.newBlockSize))}
        helperText={
          shownError(errors, 'newBlockSize', values.newBlockSize) ??
          translate('app.sequence.new_block_size_help')
        }
        fullWidth
        sx={{ mt: 2 }}
        slotProps={{ htmlInput: { name: 'newBlockSize', inputMode: 'numeric' } }}
      />
    </Box>
  );
}
