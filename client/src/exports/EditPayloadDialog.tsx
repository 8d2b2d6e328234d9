import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type ChangeEvent } from 'react';
import { useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { jsonProblem } from './format.ts';
import type { ExportDetail } from './types.ts';
import { fieldErrorsOf, useAfterAction } from './useExportAction.ts';

/**
 * The order body in a monospace editor: a parse error shows at once with its line and column; the server
 * checks the order as the intake does and names the field it refuses.
 */
export function EditPayloadDialog({ record, onClose }: { record: ExportDetail; onClose: () => void }) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const [text, setText] = useState(() => JSON.stringify(record.payload ?? {}, null, 2));
  const problem = useMemo(() => jsonProblem(text), [text]);
  const after = useAfterAction('app.exports.done.edit');
  const save = useMutation(
    trpc.exports.editPayload.mutationOptions({
      onSuccess: () => {
        after.onSuccess();
        onClose();
      },
      onError: (error) => {
        if (Object.keys(fieldErrorsOf(error)).length === 0) after.onError(error);
      },
    }),
  );
  const fieldErrors = Object.entries(fieldErrorsOf(save.error));
  const notObject = !problem && !/^\s*\{/.test(text);
  const submit = (retry: boolean) =>
    save.mutate({
      id: record.id,
      version: record.version,
      payload: JSON.parse(text) as Record<string, unknown>,
      retry,
    });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>{translate('app.exports.edit.title', { number: record.shopOrderNumber })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('app.exports.edit.help')}
        </Typography>
        <Box
          component="textarea"
          aria-label={translate('app.exports.edit.editor')}
          spellCheck={false}
          value={text}
          onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)}
          sx={{
            width: '100%',
            minHeight: 360,
            fontFamily: 'monospace',
            fontSize: 13,
            lineHeight: 1.5,
            p: 1,
            border: 1,
            borderColor: problem ? 'error.main' : 'divider',
            borderRadius: 1,
            resize: 'vertical',
            boxSizing: 'border-box',
            tabSize: 2,
          }}
        />
        <Stack sx={{ gap: 1, mt: 1 }}>
          {problem && (
            <Alert severity="error" data-testid="json-problem">
              {translate('app.exports.edit.json_error', problem)}
            </Alert>
          )}
          {notObject && <Alert severity="error">{translate('app.exports.edit.not_object')}</Alert>}
          {save.error && fieldErrors.length > 0 && (
            <Alert severity="error" data-testid="payload-errors">
              {save.error.message}
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {fieldErrors.map(([field, message]) => (
                  <li key={field}>
                    <Box component="code" sx={{ fontWeight: 600 }}>
                      {field}
                    </Box>
                    : {message}
                  </li>
                ))}
              </Box>
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button
          disabled={problem !== null}
          onClick={() => setText(JSON.stringify(JSON.parse(text), null, 2))}
          sx={{ mr: 'auto' }}
        >
          {translate('app.exports.edit.format')}
        </Button>
        <Button onClick={onClose}>{translate('app.exports.cancel')}</Button>
        <Button disabled={problem !== null || notObject || save.isPending} onClick={() => submit(false)}>
          {translate('app.exports.edit.save_only')}
        </Button>
        <Button
          variant="contained"
          disabled={problem !== null || notObject || save.isPending}
          onClick={() => submit(true)}
        >
          {translate('app.exports.edit.save_retry')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
