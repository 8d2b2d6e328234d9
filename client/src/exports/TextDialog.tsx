import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

interface Props {
  title: string;
  label: string;
  action: string;
  required?: boolean;
  busy?: boolean;
  children?: ReactNode;
  onSubmit: (text: string) => void;
  onClose: () => void;
}

/** A reason, a note: one text and a button; `required` keeps the button off until something is written. */
export function TextDialog({ title, label, action, required, busy, children, onSubmit, onClose }: Props) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const missing = required === true && text.trim() === '';
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {children}
        <TextField
          label={label}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required={required}
          multiline
          minRows={3}
          fullWidth
          autoFocus
          sx={{ mt: 1 }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('app.exports.cancel')}</Button>
        <Button variant="contained" disabled={missing || busy} onClick={() => onSubmit(text.trim())}>
          {action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
