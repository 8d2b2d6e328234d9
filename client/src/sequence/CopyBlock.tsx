import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A block of text to apply elsewhere, with a copy button that confirms what happened. */
export function CopyBlock({ name, text, help }: { name: string; text: string; help?: string }) {
  const translate = useTranslate();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <Box component="section" aria-label={name} sx={{ mt: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
        <Typography variant="subtitle2">{name}</Typography>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          {state !== 'idle' && (
            <Typography role="status" variant="body2" color={state === 'copied' ? 'success.main' : 'error'}>
              {translate(state === 'copied' ? 'app.sequence.copied' : 'app.sequence.copy_failed')}
            </Typography>
          )}
          <Button
            size="small"
            startIcon={<ContentCopyIcon />}
            aria-label={translate('app.sequence.copy_named', { name })}
            onClick={() => void copy(text).then((ok) => setState(ok ? 'copied' : 'failed'))}
          >
            {translate('app.sequence.copy')}
          </Button>
        </Stack>
      </Stack>
      {help && (
        <Typography variant="body2" color="text.secondary">
          {help}
        </Typography>
      )}
      <Box
        component="pre"
        sx={{
          m: 0,
          mt: 0.5,
          p: 1.5,
          bgcolor: 'action.hover',
          borderRadius: 1,
          fontFamily: 'monospace',
          fontSize: 13,
          overflowX: 'auto',
          whiteSpace: 'pre',
        }}
      >
        {text}
      </Box>
    </Box>
  );
}
