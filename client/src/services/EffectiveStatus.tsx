import { Chip, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { EffectiveEntry } from '../providers/types.ts';

type Source = EffectiveEntry['effective']['source'];

const SOURCE_COLOR: Record<Source, 'default' | 'primary' | 'secondary' | 'info' | 'warning'> = {
  local: 'primary',
  inherited: 'info',
  override: 'secondary',
  mandatory: 'warning',
  none: 'default',
};

/** Where the configuration a channel uses comes from: local, inherited, override, mandatory or none. */
export function SourceBadge({ source }: { source: Source }) {
  const translate = useTranslate();
  return (
    <Tooltip title={translate(`app.effective.source_help.${source}`)}>
      <Chip
        size="small"
        color={SOURCE_COLOR[source]}
        variant={source === 'none' ? 'outlined' : 'filled'}
        label={translate(`app.effective.source.${source}`)}
        data-source={source}
        sx={{ mt: 0.5 }}
      />
    </Tooltip>
  );
}

/** The status in words, and why: "inherited from organization inSPIRED, shared-inactive, activated locally by …". */
export function EffectiveStatus({ effective }: { effective: EffectiveEntry['effective'] }) {
  const translate = useTranslate();
  const operational = effective.status === 'operational';
  return (
    <>
      <Typography
        variant="body2"
        data-status={effective.status}
        sx={{ fontWeight: 500, color: operational ? 'success.main' : 'text.primary' }}
      >
        {translate(`app.effective.status.${effective.status}`)}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
        {effective.explanation}
      </Typography>
    </>
  );
}
