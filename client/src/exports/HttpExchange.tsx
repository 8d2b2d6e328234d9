import { Box, Typography } from '@mui/material';
import { pretty } from './format.ts';

interface Message {
  headers: Record<string, string>;
  body: string;
}

/** Headers as the attempt log stored them (Authorization is redacted by the server), then the body as JSON. */
export function HttpMessage({ title, message, note }: { title: string; message: Message; note?: string }) {
  const headers = Object.entries(message.headers ?? {});
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" sx={{ fontWeight: 600, display: 'block', fontFamily: 'monospace' }}>
        {title}
      </Typography>
      {headers.length > 0 && (
        <Box
          component="dl"
          sx={{
            m: 0,
            mt: 0.5,
            display: 'grid',
            gridTemplateColumns: 'max-content 1fr',
            columnGap: 1,
            fontFamily: 'monospace',
            fontSize: 12,
          }}
        >
          {headers.map(([name, value]) => (
            <Box key={name} sx={{ display: 'contents' }}>
              <Box component="dt" sx={{ color: 'text.secondary' }}>
                {name}:
              </Box>
              <Box component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
                {value}
              </Box>
            </Box>
          ))}
        </Box>
      )}
      <Box
        component="pre"
        sx={{
          mt: 1,
          mb: 0,
          p: 1,
          bgcolor: 'action.hover',
          borderRadius: 1,
          fontSize: 12,
          maxHeight: 420,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        {pretty(message.body) || '(empty body)'}
      </Box>
      {note && (
        <Typography variant="caption" color="warning.main">
          {note}
        </Typography>
      )}
    </Box>
  );
}
