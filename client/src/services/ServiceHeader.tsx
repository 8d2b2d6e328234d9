import { Alert, AlertTitle, Breadcrumbs, Chip, Link, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useOrganizationPath } from '../organizations/paths.ts';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import type { Owner } from './owner.ts';
import { ServiceBadges } from './ServiceBadges.tsx';
import { labelOf, useCatalogue } from './useCatalogue.ts';
import { servicesTabPath } from './useServiceSaved.ts';

interface Props {
  entry: CatalogueEntry;
  owner: Owner;
  service?: ServiceRecord;
}

function OwnerCrumbs({ owner }: { owner: Owner }) {
  const translate = useTranslate();
  const organizationPath = useOrganizationPath();
  const [list, page, services] =
    owner.kind === 'channel'
      ? [
          '/channels',
          `/channels/${encodeURIComponent(String(owner.channel.id))}`,
          servicesTabPath(String(owner.channel.id)),
        ]
      : [
          '/organizations',
          organizationPath(owner.organization.id),
          organizationPath(owner.organization.id, 'services'),
        ];
  return (
    <Breadcrumbs aria-label="breadcrumb">
      <Link component={RouterLink} to={list} underline="hover" color="inherit">
        {translate(`resources.${owner.kind === 'channel' ? 'channels' : 'organizations'}.name`, {
          smart_count: 2,
        })}
      </Link>
      <Link component={RouterLink} to={page} underline="hover" color="inherit">
        {owner.kind === 'channel' ? owner.channel.name : owner.organization.name}
      </Link>
      <Link component={RouterLink} to={services} underline="hover">
        {translate('app.channels.tab_services')}
      </Link>
    </Breadcrumbs>
  );
}

/** What is being configured: the type, its API, the owner and (for a channel) the shop identifier it sends. */
export function ServiceHeader({ entry, owner, service }: Props) {
  const translate = useTranslate();
  const { data: catalogue } = useCatalogue();
  const replacement = labelOf(catalogue, entry.replacedBy);
  return (
    <Stack sx={{ gap: 1, mb: 1, width: '100%', alignItems: 'flex-start' }}>
      <OwnerCrumbs owner={owner} />
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
        {owner.kind === 'channel'
          ? `${owner.channel.name} (${owner.channel.id}) — ${translate('app.services.shop_identifier', entry.shopIdentifier === 'shopId' ? { what: 'ID', value: owner.channel.iomShopId } : { what: 'name', value: owner.channel.iomShopName })}`
          : translate('app.services.organization_owner', {
              name: owner.organization.name,
              id: owner.organization.id,
            })}
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
                { replacement },
              )
            : translate('app.services.deprecated_none')}
        </Alert>
      )}
    </Stack>
  );
}
