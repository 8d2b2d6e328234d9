import AddIcon from '@mui/icons-material/Add';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import DeleteIcon from '@mui/icons-material/Delete';
import { Box, Button, Chip, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { newParty, type Calculator, type PartyDraft } from './calculatorState.ts';
import { IomFetchDialog } from './IomFetchDialog.tsx';

/** A field's error, shown once something is typed (an empty field is explained by the result panel). */
export const shownError = (errors: Record<string, string>, field: string, value: string) =>
  value.trim() === '' ? undefined : errors[field];

/** IOM and the other systems, each with its largest order number; an IOM can be asked directly. */
export function PartyRows({ calculator }: { calculator: Calculator }) {
  const translate = useTranslate();
  const { values, errors, update, updateParty } = calculator;
  const [fetching, setFetching] = useState<PartyDraft | null>(null);
  const add = (kind: PartyDraft['kind']) =>
    update({ parties: [...values.parties, newParty(kind, kind === 'iom' ? 'IOM' : '')] });

  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="subtitle1">{translate('app.sequence.parties')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('app.sequence.parties_help')}
      </Typography>
      {values.parties.map((party, i) => (
        <Stack
          key={party.key}
          direction="row"
          sx={{ gap: 1, alignItems: 'flex-start', mb: 1 }}
          data-party={i}
        >
          <TextField
            label={translate('app.sequence.party_name')}
            value={party.name}
            onChange={(e) => updateParty(party.key, { name: e.target.value })}
            error={Boolean(errors[`parties.${i}.name`])}
            helperText={errors[`parties.${i}.name`] ?? translate(`app.sequence.party_kind_${party.kind}`)}
            sx={{ width: 150 }}
            slotProps={{ htmlInput: { name: `parties.${i}.name` } }}
          />
          <TextField
            label={translate('app.sequence.party_largest')}
            value={party.largest}
            onChange={(e) =>
              updateParty(party.key, { largest: e.target.value, source: 'typed', evidence: null })
            }
            error={Boolean(shownError(errors, `parties.${i}.largest`, party.largest))}
            helperText={shownError(errors, `parties.${i}.largest`, party.largest)}
            sx={{ flex: 1 }}
            slotProps={{
              htmlInput: {
                name: `parties.${i}.largest`,
                inputMode: 'numeric',
                style: { fontFamily: 'monospace' },
              },
            }}
          />
          {party.source === 'iom' && (
            <Chip size="small" color="info" label={translate('app.sequence.source_iom')} sx={{ mt: 2 }} />
          )}
          {party.kind === 'iom' && (
            <Tooltip title={translate('app.sequence.fetch_iom')}>
              <IconButton
                aria-label={translate('app.sequence.fetch_iom')}
                onClick={() => setFetching(party)}
                sx={{ mt: 1 }}
              >
                <CloudDownloadIcon />
              </IconButton>
            </Tooltip>
          )}
          <Tooltip title={translate('app.sequence.remove')}>
            <IconButton
              aria-label={translate('app.sequence.remove')}
              onClick={() => update({ parties: values.parties.filter((p) => p.key !== party.key) })}
              sx={{ mt: 1 }}
            >
              <DeleteIcon />
            </IconButton>
          </Tooltip>
        </Stack>
      ))}
      <Button size="small" startIcon={<AddIcon />} onClick={() => add('iom')}>
        {translate('app.sequence.add_iom')}
      </Button>
      <Button size="small" startIcon={<AddIcon />} onClick={() => add('other')}>
        {translate('app.sequence.add_other')}
      </Button>
      {fetching && (
        <IomFetchDialog
          party={fetching}
          onClose={() => setFetching(null)}
          onConfirm={(change) => {
            updateParty(fetching.key, change);
            setFetching(null);
          }}
        />
      )}
    </Box>
  );
}
