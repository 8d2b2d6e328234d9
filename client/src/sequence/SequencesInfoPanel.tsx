import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  parseSequencesInfo,
  type SequencesInfo,
  type SequencesInfoResult,
} from '../../../shared/sequence/sequencesInfo.ts';
import type { Calculator } from './calculatorState.ts';

function fromText(translate: ReturnType<typeof useTranslate>, v: { source: string; line: number | null }) {
  if (v.source === 'default') return translate('app.sequence.file_default');
  return translate(v.source === 'table' ? 'app.sequence.file_from_table' : 'app.sequence.file_from_line', {
    line: v.line ?? '?',
  });
}

function Used({ info }: { info: SequencesInfo }) {
  const translate = useTranslate();
  return (
    <Alert
      severity={info.warnings.length ? 'warning' : 'success'}
      sx={{ mt: 1 }}
      data-testid="sequences-info-used"
    >
      <div>
        {translate('app.sequence.file_used', {
          startsWith: info.startsWith.value,
          startsWithFrom: fromText(translate, info.startsWith),
          blockSize: info.blockSize.value,
          blockSizeFrom: fromText(translate, info.blockSize),
        })}
      </div>
      {info.sequence && (
        <div>
          {translate('app.sequence.file_sequence', {
            name: info.sequence.name,
            domain: info.sequence.domain ? ` (${info.sequence.domain})` : '',
            line: info.sequence.line,
          })}
        </div>
      )}
      {[...info.notes, ...info.warnings].map((line) => (
        <div key={line}>{line}</div>
      ))}
    </Alert>
  );
}

/**
 * Paste or upload ICM's sequences-info.properties: it is parsed here, in the browser, with the same parser the
 * command line uses, and fills in ICM's startsWith and block size.
 */
export function SequencesInfoPanel({ calculator }: { calculator: Calculator }) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<SequencesInfoResult | null>(null);

  const read = (content: string) => {
    setText(content);
    if (content.trim() === '') return setParsed(null);
    const result = parseSequencesInfo(content);
    setParsed(result);
    if (!result.ok) return;
    const info = result.value;
    calculator.update({
      icmStartsWith: info.startsWith.value,
      icmBlockSize: info.blockSize.source === 'default' ? '' : info.blockSize.value,
      icmSource: 'sequences-info',
      icmEvidence: { ...info },
    });
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{translate('app.sequence.file_title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('app.sequence.file_help')}
      </Typography>
      <TextField
        label={translate('app.sequence.file_paste')}
        value={text}
        onChange={(event) => read(event.target.value)}
        multiline
        minRows={3}
        maxRows={10}
        fullWidth
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
      />
      <Button component="label" size="small" startIcon={<UploadFileIcon />} sx={{ mt: 1 }}>
        {translate('app.sequence.file_upload')}
        <input
          type="file"
          hidden
          accept=".properties,.txt,text/plain"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void file.text().then(read);
            event.target.value = '';
          }}
        />
      </Button>
      {parsed && !parsed.ok && (
        <Alert severity="error" sx={{ mt: 1 }} role="alert">
          {parsed.error.message}
        </Alert>
      )}
      {parsed?.ok && <Used info={parsed.value} />}
    </Box>
  );
}
