import { Stack, Switch, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { HealthCell } from '../probes/HealthCell.tsx';
import type { CatalogueEntry, EffectiveEntry, ServiceRecord } from '../providers/types.ts';
import { ActiveSwitch } from './ActiveSwitch.tsx';
import { ConfigCell } from './ConfigCell.tsx';
import { EffectiveRowActions } from './EffectiveRowActions.tsx';
import { EffectiveStatus, SourceBadge } from './EffectiveStatus.tsx';
import { InheritedSwitch } from './InheritedSwitch.tsx';
import { ServiceBadges } from './ServiceBadges.tsx';
import { ServiceRow } from './ServiceRow.tsx';

interface Props {
  catalogueEntry: CatalogueEntry;
  entry: EffectiveEntry;
  channelId: string;
  organizationId: string;
  canEdit: boolean;
  canTest: boolean;
  isAdmin: boolean;
}

const STATE = {
  local: 'configured',
  override: 'configured',
  inherited: 'inherited',
  mandatory: 'mandatory',
  none: 'missing',
};

/** One service type on a channel as the channel uses it: its source, status, switch, health and actions. */
export function EffectiveRow(props: Props) {
  const { catalogueEntry, entry, channelId, canEdit } = props;
  const translate = useTranslate();
  const { effective } = entry;
  const own = effective.source === 'local' || effective.source === 'override';
  const config: ServiceRecord | null = own
    ? entry.local
    : effective.source === 'none'
      ? null
      : entry.inherited;
  const label = catalogueEntry.label;
  return (
    <>
      <TableRow data-type={entry.type} data-state={STATE[effective.source]} data-source={effective.source}>
        <TableCell sx={{ minWidth: 200, maxWidth: 280 }}>
          <Typography variant="body2" sx={{ fontWeight: 500 }}>
            {config?.name || label}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {entry.type} · {catalogueEntry.protocol}, {catalogueEntry.api}
          </Typography>
          <ServiceBadges entry={catalogueEntry} service={own ? (config ?? undefined) : undefined} />
          <SourceBadge source={effective.source} />
        </TableCell>
        <TableCell>
          {own && entry.local && <ActiveSwitch service={entry.local} label={label} disabled={!canEdit} />}
          {effective.source === 'inherited' && effective.configId && (
            <InheritedSwitch
              channelId={channelId}
              configId={effective.configId}
              active={effective.active}
              label={label}
              disabled={!canEdit || !effective.canToggleInherited}
            />
          )}
          {effective.source === 'mandatory' && (
            <Switch
              checked={effective.active}
              disabled
              slotProps={{
                input: { 'aria-label': `${translate('resources.services.fields.active')}: ${label}` },
              }}
            />
          )}
        </TableCell>
        <TableCell sx={{ minWidth: 180, maxWidth: 280 }}>
          <EffectiveStatus effective={effective} />
        </TableCell>
        <TableCell sx={{ minWidth: 200 }}>
          {config ? (
            <ConfigCell service={config} />
          ) : (
            <Typography variant="body2" color="text.secondary">
              {translate('app.services.not_configured')}
            </Typography>
          )}
        </TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>
          {effective.configId && (
            <HealthCell
              latest={entry.latestTest}
              configId={effective.configId}
              channelId={channelId}
              title={`${label} — ${channelId}`}
            />
          )}
        </TableCell>
        <TableCell align="right" sx={{ maxWidth: 240 }}>
          <Stack direction="row" sx={{ flexWrap: 'wrap', justifyContent: 'flex-end', alignItems: 'center' }}>
            <EffectiveRowActions {...props} label={label} />
          </Stack>
        </TableCell>
      </TableRow>
      {effective.source === 'mandatory' && entry.local && (
        <ServiceRow {...props} entry={catalogueEntry} service={entry.local} ignored />
      )}
    </>
  );
}
