import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { NegotiationAction } from '../../../shared/sequence/workflow.ts';
import { useTRPC } from '../providers/trpc.ts';
import { download } from './download.ts';
import { negotiationPath } from './paths.ts';
import type { Negotiation } from './types.ts';

/** Which steps the page offers in which state; the server says whether this admin may take them, and why not. */
const OFFERED: Record<Negotiation['state'], NegotiationAction[]> = {
  draft: ['propose'],
  proposed: ['approve'],
  approved: ['apply', 'supersede'],
  applied: ['supersede'],
  superseded: [],
};
const LABEL: Partial<Record<NegotiationAction, string>> = {
  propose: 'app.sequence.propose',
  approve: 'app.sequence.approve',
  apply: 'app.sequence.mark_applied',
  supersede: 'app.sequence.supersede',
};

export function NegotiationActions({ negotiation }: { negotiation: Negotiation }) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [applying, setApplying] = useState(false);
  const [note, setNote] = useState('');
  const n = negotiation;
  const options = {
    onSuccess: (row: { state: string; id: string }) => {
      void queryClient.invalidateQueries(trpc.sequence.pathFilter());
      notify('app.sequence.step_done', { type: 'success', messageArgs: { state: row.state } });
      if (row.id !== n.id) void navigate(negotiationPath(row.id));
    },
    onError: (error: { message: string }) => notify(error.message, { type: 'error' }),
  };
  const propose = useMutation(trpc.sequence.propose.mutationOptions(options));
  const approve = useMutation(trpc.sequence.approve.mutationOptions(options));
  const apply = useMutation(trpc.sequence.markApplied.mutationOptions(options));
  const supersede = useMutation(trpc.sequence.supersede.mutationOptions(options));
  const busy = [propose, approve, apply, supersede].some((m) => m.isPending);
  const run: Record<string, () => void> = {
    propose: () => propose.mutate({ id: n.id, version: n.version }),
    approve: () => approve.mutate({ id: n.id, version: n.version }),
    apply: () => setApplying(true),
    supersede: () => supersede.mutate({ id: n.id }),
  };
  const exportAs = async (format: 'json' | 'markdown') => {
    const file = await queryClient.fetchQuery(trpc.sequence.export.queryOptions({ id: n.id, format }));
    download(file.filename, file.mediaType, file.content);
  };

  return (
    <Stack sx={{ gap: 1 }}>
      {OFFERED[n.state].map((action) => (
        <Stack key={action} direction="row" sx={{ gap: 1, alignItems: 'center' }}>
          <Button variant="contained" disabled={busy || n.actions[action] !== null} onClick={run[action]}>
            {translate(LABEL[action] ?? action)}
          </Button>
          {n.actions[action] !== null ? (
            <Typography variant="body2" color="text.secondary" data-reason={action}>
              {n.actions[action]}
            </Typography>
          ) : action === 'supersede' ? (
            <Typography variant="body2" color="text.secondary">
              {translate('app.sequence.supersede_help')}
            </Typography>
          ) : null}
        </Stack>
      ))}
      <Stack direction="row" sx={{ gap: 1 }}>
        <Button onClick={() => void exportAs('json')}>{translate('app.sequence.export_json')}</Button>
        <Button onClick={() => void exportAs('markdown')}>{translate('app.sequence.export_markdown')}</Button>
      </Stack>
      <Dialog open={applying} onClose={() => setApplying(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('app.sequence.apply_title')}</DialogTitle>
        <DialogContent>
          <TextField
            label={translate('app.sequence.apply_note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            helperText={translate('app.sequence.apply_note_help')}
            multiline
            fullWidth
            autoFocus
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setApplying(false)}>{translate('app.sequence.cancel')}</Button>
          <Button
            variant="contained"
            disabled={note.trim().length < 3 || apply.isPending}
            onClick={() => {
              apply.mutate({ id: n.id, version: n.version, note });
              setApplying(false);
            }}
          >
            {translate('app.sequence.mark_applied')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
