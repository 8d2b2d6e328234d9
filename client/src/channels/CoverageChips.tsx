import { Chip, Stack, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { ChannelRecord } from '../providers/types.ts';
import { coverageColor, describeCoverage } from './features.ts';

/** One small chip per shop feature, coloured by whether the active services provide it. */
export function CoverageChips() {
  const record = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {record.coverage.map((c) => {
        const status = translate(`app.channels.status.${c.status}`);
        return (
          <Tooltip key={c.feature} title={describeCoverage(c, status)}>
            <Chip
              size="small"
              color={coverageColor[c.status]}
              variant={c.status === 'available' ? 'filled' : 'outlined'}
              label={translate(`app.channels.feature.${c.feature}`)}
              aria-label={`${translate(`app.channels.feature.${c.feature}`)}: ${status}`}
            />
          </Tooltip>
        );
      })}
    </Stack>
  );
}
