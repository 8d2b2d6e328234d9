import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { changeText } from '../../../shared/sequence/trail.ts';
import type { Negotiation } from './types.ts';

/** Every step of the negotiation as the audit log recorded it: who, when, what changed. */
export function TrailList({ trail }: { trail: Negotiation['trail'] }) {
  const translate = useTranslate();
  return (
    <Box component="ol" aria-label={translate('app.sequence.trail')} sx={{ pl: 2.5, m: 0 }}>
      {trail.map((t) => (
        <Typography component="li" variant="body2" key={t.id} sx={{ mb: 1 }} data-action={t.action}>
          <strong>{t.action.replace(/^sequence\./, '')}</strong>
          {` — ${t.actorEmail}, ${t.at.toLocaleString()}`}
          {t.changes.length > 0 && (
            <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: 12 }}>
              {t.changes.map(changeText).join(' · ')}
            </Box>
          )}
        </Typography>
      ))}
    </Box>
  );
}
