import { Box, Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { orderSummary } from './orderSummary.ts';

/** The order at a glance, from the payload ICM sent (whatever of it is there). */
export function OrderSummaryCard({ payload }: { payload: unknown }) {
  const translate = useTranslate();
  const s = orderSummary(payload);
  const rows: [string, string | null][] = [
    ['customer', [s.customer, s.customerNumber && `(${s.customerNumber})`].filter(Boolean).join(' ') || null],
    ['email', s.email],
    ['city', s.city],
    ['total', s.total],
    ['payment', s.paymentMethod],
    [
      'lines',
      translate('app.exports.summary.lines_value', {
        lines: s.lines,
        quantity: s.quantity,
        buckets: s.buckets,
      }),
    ],
    ['created', s.createdAt],
  ];
  return (
    <Card variant="outlined" component="section" aria-label={translate('app.exports.summary.title')}>
      <CardContent>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          {translate('app.exports.summary.title')}
        </Typography>
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: 0.5 }}>
          {rows.map(([key, value]) => (
            <Box key={key} sx={{ display: 'contents' }}>
              <Box component="dt" sx={{ color: 'text.secondary', pr: 2, typography: 'body2' }}>
                {translate(`app.exports.summary.${key}`)}
              </Box>
              <Box component="dd" sx={{ m: 0, typography: 'body2', overflowWrap: 'anywhere' }}>
                {value ?? '—'}
              </Box>
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}
