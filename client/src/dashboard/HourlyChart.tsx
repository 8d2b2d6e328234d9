import { Box, Stack, Tooltip, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';

export interface HourBucket {
  start: Date;
  exported: number;
  duplicate: number;
  failed: number;
}

const SERIES = ['exported', 'duplicate', 'failed'] as const;
const W = 720;
const H = 200;
const M = { top: 8, right: 8, bottom: 22, left: 36 };

/** 0, a round half, a round top: three gridlines a person reads at a glance. */
export function niceMax(max: number): number {
  if (max <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(max));
  const top = [1, 2, 2.5, 5, 10].map((f) => f * step).find((v) => v >= max) ?? 10 * step;
  return top % 2 === 0 ? top : top * 2;
}

const hourLabel = (d: Date) => d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
const dayLabel = (d: Date) => d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric' });

/** Exports per hour as stacked bars (exported / duplicate / failed), with axis ticks and a tooltip per hour. */
export function HourlyChart({ buckets }: { buckets: HourBucket[] }) {
  const theme = useTheme();
  const translate = useTranslate();
  const color = {
    exported: theme.palette.success.main,
    duplicate: theme.palette.info.light,
    failed: theme.palette.error.main,
  };
  const n = Math.max(buckets.length, 1);
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const top = niceMax(Math.max(0, ...buckets.map((b) => b.exported + b.duplicate + b.failed)));
  const y = (v: number) => M.top + innerH - (v / top) * innerH;
  const slot = innerW / n;
  const barW = Math.max(1, slot * 0.75);
  const daily = n > 48;
  const tickEvery = daily ? 24 : 3;
  return (
    <Box>
      <Box
        component="svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={translate('app.exports.dashboard.per_hour')}
        sx={{ width: '100%', height: 'auto', display: 'block', fontFamily: theme.typography.fontFamily }}
      >
        {[0, top / 2, top].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke={theme.palette.divider} />
            <text
              x={M.left - 6}
              y={y(v) + 4}
              textAnchor="end"
              fontSize={11}
              fill={theme.palette.text.secondary}
            >
              {v}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const start = new Date(b.start);
          const x = M.left + i * slot;
          let base = 0;
          const total = b.exported + b.duplicate + b.failed;
          const tick = daily ? start.getHours() === 0 : start.getHours() % tickEvery === 0;
          return (
            <g key={start.getTime()}>
              {SERIES.map((s) => {
                const v = b[s];
                if (!v) return null;
                const rect = (
                  <rect
                    key={s}
                    x={x + (slot - barW) / 2}
                    width={barW}
                    y={y(base + v)}
                    height={y(base) - y(base + v)}
                    fill={color[s]}
                  />
                );
                base += v;
                return rect;
              })}
              {tick && (
                <text
                  x={x + slot / 2}
                  y={H - 6}
                  textAnchor="middle"
                  fontSize={11}
                  fill={theme.palette.text.secondary}
                >
                  {daily ? dayLabel(start) : hourLabel(start)}
                </text>
              )}
              <Tooltip
                followCursor
                title={
                  <>
                    <strong>{daily ? `${dayLabel(start)} ${hourLabel(start)}` : hourLabel(start)}</strong>
                    {SERIES.map((s) => (
                      <div key={s}>
                        {translate(`app.exports.dashboard.${s}`)}: {b[s]}
                      </div>
                    ))}
                  </>
                }
              >
                <rect
                  x={x}
                  width={slot}
                  y={M.top}
                  height={innerH}
                  fill="transparent"
                  data-hour={start.toISOString()}
                  data-total={total}
                  style={{ cursor: 'default' }}
                />
              </Tooltip>
            </g>
          );
        })}
        <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} stroke={theme.palette.text.secondary} />
      </Box>
      <Stack direction="row" sx={{ gap: 2, justifyContent: 'center', mt: 0.5 }}>
        {SERIES.map((s) => (
          <Stack key={s} direction="row" sx={{ gap: 0.5, alignItems: 'center' }}>
            <Box sx={{ width: 10, height: 10, borderRadius: 0.5, bgcolor: color[s] }} />
            <Typography variant="caption">{translate(`app.exports.dashboard.${s}`)}</Typography>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}
