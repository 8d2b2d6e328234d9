import {
  Box,
  Card,
  CardContent,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
  useTheme,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { span } from '../exports/format.ts';
import { useNow } from '../exports/useNow.ts';
import { useTRPC } from '../providers/trpc.ts';
import { BarList } from './BarList.tsx';
import { exportsListPath } from './exportLinks.ts';
import { HourlyChart } from './HourlyChart.tsx';
import { StatCard } from './StatCard.tsx';

type Range = '24h' | '7d';

function ChannelSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const translate = useTranslate();
  const { data = [] } = useGetList<{ id: string; name: string }>('channels', {
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'name', order: 'ASC' },
  });
  return (
    <TextField
      select
      size="small"
      label={translate('app.exports.dashboard.channel')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      fullWidth={false}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      sx={{ minWidth: 220 }}
    >
      <MenuItem value="">{translate('app.exports.dashboard.all_channels')}</MenuItem>
      {data.map((c) => (
        <MenuItem key={c.id} value={c.id}>
          {c.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * The dashboard's exports: per hour, success rate, backlog, failures by class, IOM's top error codes and
 * escalations waiting. Refreshes every 30 s while the tab is visible; the server scopes it to the user.
 */
export function ExportsSection() {
  const translate = useTranslate();
  const trpc = useTRPC();
  const theme = useTheme();
  const now = useNow();
  const [range, setRange] = useState<Range>('24h');
  const [channelId, setChannelId] = useState('');
  const { data, error, isPending } = useQuery({
    ...trpc.exports.stats.queryOptions({ range, channelId: channelId || undefined }),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
  const channel = channelId || undefined;
  const t = (key: string, options?: Record<string, unknown>) =>
    translate(`app.exports.dashboard.${key}`, options);
  return (
    <Card sx={{ mt: 3 }} component="section" aria-label={t('title')}>
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
          <Typography variant="h6" sx={{ mr: 'auto' }}>
            {t('title')}
          </Typography>
          <ChannelSelect value={channelId} onChange={setChannelId} />
          <ToggleButtonGroup
            size="small"
            exclusive
            value={range}
            onChange={(_, v: Range | null) => v && setRange(v)}
            aria-label={t('title')}
          >
            <ToggleButton value="24h">{t('range_24h')}</ToggleButton>
            <ToggleButton value="7d">{t('range_7d')}</ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        {isPending && <LinearProgress />}
        {error && <Typography color="error">{error.message}</Typography>}
        {data && (
          <>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, mb: 2 }}>
              <StatCard
                label={t('failed_now')}
                value={
                  <Link
                    to={exportsListPath({ state: 'failed', channelId: channel })}
                    style={{ color: 'inherit', textDecoration: 'none' }}
                  >
                    {data.current.failed}
                  </Link>
                }
              />
              <StatCard
                label={t('escalated_now')}
                value={
                  <Link
                    to={exportsListPath({ state: 'escalated', channelId: channel })}
                    style={{ color: 'inherit', textDecoration: 'none' }}
                  >
                    {data.current.escalated}
                  </Link>
                }
                hint={t('escalations_waiting', { smart_count: data.current.escalationsWaiting })}
              />
              <StatCard
                label={t('success_rate')}
                value={
                  data.totals.successRate === null ? '—' : `${(data.totals.successRate * 100).toFixed(1)} %`
                }
                hint={t('success_rate_hint', {
                  exported: data.totals.exported + data.totals.duplicate,
                  failed: data.totals.failed,
                })}
              />
              <StatCard
                label={t('backlog')}
                value={data.current.due}
                hint={
                  data.current.oldestDueAt
                    ? t('oldest_due', {
                        age: span(now - new Date(data.current.oldestDueAt).getTime()),
                      })
                    : t('no_backlog')
                }
              />
            </Stack>
            <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: 3 }}>
              <Box sx={{ flex: 2, minWidth: 0 }}>
                <Typography variant="subtitle2">{t('per_hour')}</Typography>
                <Typography variant="caption" color="text.secondary">
                  {t('per_day_hint')}
                </Typography>
                <HourlyChart buckets={data.buckets} />
              </Box>
              <Stack sx={{ flex: 1, minWidth: 240, gap: 3 }}>
                <Box>
                  <Typography variant="subtitle2" sx={{ mb: 1 }}>
                    {t('by_class')}
                  </Typography>
                  <BarList
                    empty={t('no_data')}
                    items={(['needs_fix', 'technical'] as const).map((c) => ({
                      key: c,
                      label: t(c),
                      value: data.failuresByClass[c],
                      color: c === 'needs_fix' ? theme.palette.error.main : theme.palette.warning.main,
                      to: exportsListPath({ outcomeClass: c, channelId: channel }),
                    }))}
                  />
                </Box>
                <Box>
                  <Typography variant="subtitle2" sx={{ mb: 1 }}>
                    {t('top_codes')}
                  </Typography>
                  <BarList
                    empty={t('no_codes')}
                    items={data.topErrorCodes.map((c) => ({
                      key: c.code,
                      label: (
                        <Box component="span" sx={{ fontFamily: 'monospace' }}>
                          {c.code}
                        </Box>
                      ),
                      value: c.count,
                      color: theme.palette.error.light,
                      to: exportsListPath({ iomErrorCode: c.code, channelId: channel }),
                    }))}
                  />
                </Box>
              </Stack>
            </Stack>
          </>
        )}
      </CardContent>
    </Card>
  );
}
