import { Box, Button, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { CalculatorForm } from './CalculatorForm.tsx';
import { newParty, toNegotiationInput, useCalculator, type CalculatorValues } from './calculatorState.ts';
import { ResultPanel } from './ResultPanel.tsx';
import type { Negotiation } from './types.ts';
import { TWO_COLUMNS } from './layout.ts';

/** The stored inputs back in the calculator's shape. */
function valuesOf(n: Negotiation): CalculatorValues {
  const icm = n.parties.find((p) => p.kind === 'icm');
  return {
    icmStartsWith: icm?.entered ?? '',
    icmBlockSize: n.blockSizeSource === 'default' ? '' : String(n.blockSize),
    icmSource: icm?.source ?? 'typed',
    icmEvidence: icm?.evidence ?? null,
    parties: n.parties
      .filter((p) => p.kind !== 'icm')
      .map((p) => ({
        ...newParty(p.kind === 'iom' ? 'iom' : 'other', p.name, p.entered),
        channelId: p.channelId,
        source: p.source,
        evidence: p.evidence ?? null,
      })),
    prefix: n.prefix ?? '',
    newBlockSize: n.computation.newBlockSize ?? '',
  };
}

/** A draft or proposed negotiation, editable in the calculator; saving a proposal takes it back to draft. */
export function NegotiationEditor({ negotiation }: { negotiation: Negotiation }) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const calculator = useCalculator(valuesOf(negotiation));
  const [title, setTitle] = useState(negotiation.title);
  const update = useMutation(
    trpc.sequence.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.sequence.pathFilter());
        notify('app.sequence.saved', { type: 'success' });
      },
      onError: (error) => notify(error.message, { type: 'error' }),
    }),
  );
  const save = () =>
    update.mutate({
      ...toNegotiationInput(calculator.values, title, negotiation.note),
      id: negotiation.id,
      version: negotiation.version,
    });
  return (
    <Box>
      <TextField
        label={translate('app.sequence.save_title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        fullWidth
        size="small"
        sx={{ mb: 2 }}
      />
      <Box sx={TWO_COLUMNS}>
        <CalculatorForm calculator={calculator} />
        <ResultPanel result={calculator.result} startsWith={calculator.values.icmStartsWith} />
      </Box>
      <Stack direction="row" sx={{ mt: 2 }}>
        <Button variant="contained" disabled={!calculator.result.ok || update.isPending} onClick={save}>
          {translate('app.sequence.save_changes')}
        </Button>
      </Stack>
    </Box>
  );
}
