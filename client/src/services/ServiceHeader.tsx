import { Alert, AlertTitle, Breadcrumbs, Chip, Link, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { CatalogueEntry, ChannelRecord, ServiceRecord } from '../providers/types.ts';
import { ServiceBadges } from './ServiceBadges.tsx';
import { labelOf, useCatalogue } from './useCatalogue.ts';
import { servicesTabPath } from './useServiceSaved.ts';

interface Props {
  entry: CatalogueEntry;
  channel: ChannelRecord;
  service?: ServiceRecord;
}

/** What is being configured: the type, its API, the channel and the shop identifier it sends; deprecation first. */
export function ServiceHeader({ entry, channel, service }: Props) {
  const translate = useTranslate();
  const { data: catalogue } = useCatalogue();
  const replacement = labelOf(catalogue, entry.replacedBy);
  const shop =
    entry.shopIdentifier === 'shopId'
      ? { what: 'ID', value: channel.iomShopId }
      : { what: 'name', value: channel.iomShopName };
  return (
    <Stack sx={{ gap: 1, mb: 1, width: '100%', alignItems: 'flex-start' }}>
      <Breadcrumbs aria-label="breadcrumb">
        <Link component={RouterLink} to="/channels" underline="hover" color="inherit">
          {translate('resources.channels.name', { smart_count: 2 })}
        </Link>
        <Link
          component={RouterLink}
          to={`/channels/${encodeURIComponent(String(channel.id))}`}
          underline="hover"
          color="inherit"
        >
          {channel.name}
        </Link>
        <Link component={RouterLink} to={servicesTabPath(String(channel.id))} underline="hover">
          {translate('app.channels.tab_services')}
        </Link>
      </Breadcrumbs>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          {entry.label}
        </Typography>
        <Chip size="small" label={entry.type} />
        <Chip size="small" variant="outlined" label={`${entry.protocol} · ${entry.api}`} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {entry.description}
      </Typography>
      <Typography variant="body2">
        {channel.name} ({channel.id}) — {translate('app.services.shop_identifier', shop)}
      </Typography>
      <ServiceBadges entry={{ ...entry, deprecated: false }} service={service} />
      {entry.deprecated && (
        <Alert severity="warning" sx={{ width: '100%', boxSizing: 'border-box' }}>
          <AlertTitle>
            {entry.replacedBy
              ? translate('app.services.deprecated_by', { replacement })
              : translate('app.services.deprecated')}
          </AlertTitle>
          {entry.replacedBy
            ? translate(
                entry.besideReplacement === 'warn'
                  ? 'app.services.deprecated_warn'
                  : 'app.services.deprecated_form',
                {
                  replacement,
                },
              )
            : translate('app.services.deprecated_none')}
        </Alert>
      )}
    </Stack>
  );
}
