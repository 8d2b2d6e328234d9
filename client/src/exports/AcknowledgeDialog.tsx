import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useGetIdentity, useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';

/** Takes an escalation on: the owner is the caller unless another support person or admin is chosen. */
export function AcknowledgeDialog({
  busy,
  onSubmit,
  onClose,
}: {
  busy: boolean;
  onSubmit: (ownerId: string) => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const { identity } = useGetIdentity();
  const { data: owners = [] } = useQuery(trpc.exports.owners.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const ownerId = chosen ?? (identity?.id ? String(identity.id) : '');
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{translate('app.exports.acknowledge')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('app.exports.acknowledge_help')}
        </Typography>
        <TextField
          select
          fullWidth
          label={translate('app.exports.owner')}
          value={owners.some((o) => o.id === ownerId) ? ownerId : ''}
          onChange={(e) => setChosen(e.target.value)}
        >
          {owners.map((o) => (
            <MenuItem key={o.id} value={o.id}>
              {o.name ? `${o.name} <${o.email}>` : o.email}
              {o.id === identity?.id ? ` (${translate('app.exports.me')})` : ''}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('app.exports.cancel')}</Button>
        <Button variant="contained" disabled={busy || !ownerId} onClick={() => onSubmit(ownerId)}>
          {translate('app.exports.acknowledge')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
