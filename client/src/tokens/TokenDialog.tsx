import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Shows a new token once, with a copy button; closing it is the last chance to see it. */
export function TokenDialog({ name, token, onClose }: { name: string; token: string; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  return (
    <Dialog open maxWidth="md" fullWidth aria-labelledby="token-dialog-title">
      <DialogTitle id="token-dialog-title">{`${translate('app.tokens.created_title')}: ${name}`}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('app.tokens.created_warning')}
        </Alert>
        <TextField
          label={translate('resources.tokens.fields.prefix')}
          value={token}
          fullWidth
          slotProps={{
            htmlInput: { readOnly: true, spellCheck: false, style: { fontFamily: 'monospace' } },
          }}
          onFocus={(event) => event.target.select()}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('app.tokens.usage')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button
          startIcon={<ContentCopyIcon />}
          onClick={() =>
            void copy(token).then((ok) =>
              notify(ok ? 'app.tokens.copied' : 'app.tokens.copy_failed', { type: ok ? 'info' : 'warning' }),
            )
          }
        >
          {translate('app.tokens.copy')}
        </Button>
        <Button variant="contained" onClick={onClose}>
          {translate('app.tokens.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
