import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { Chip, IconButton, TableCell, TableRow, Tooltip, Typography } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { SHARING_RULE_HELP } from '../../../shared/sharing/effective.ts';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import { ConfigCell } from '../services/ConfigCell.tsx';
import { ServiceBadges } from '../services/ServiceBadges.tsx';
import { OrgActiveSwitch } from './OrgActiveSwitch.tsx';
import { OrgDeleteServiceButton } from './OrgDeleteServiceButton.tsx';

interface Props {
  entry: CatalogueEntry;
  service?: ServiceRecord;
  organizationId: string;
  canEdit: boolean;
}

const RULE_COLOR = {
  unshared: 'default',
  'shared-active': 'success',
  'shared-inactive': 'info',
  'shared-mandatory': 'warning',
} as const;

/** One catalogue type of an organization: its configuration with the sharing rule, or Add. */
export function OrgServiceRow({ entry, service, organizationId, canEdit }: Props) {
  const translate = useTranslate();
  const rule = service?.sharingRule ?? 'unshared';
  return (
    <TableRow data-type={entry.type} data-state={service ? 'configured' : 'missing'}>
      <TableCell sx={{ minWidth: 200, maxWidth: 300 }}>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {service?.name || entry.label}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {entry.type} · {entry.protocol}, {entry.api}
        </Typography>
        <ServiceBadges entry={entry} service={service} />
      </TableCell>
      {!service ? (
        <>
          <TableCell colSpan={3}>
            <Typography variant="body2" color="text.secondary">
              {translate('app.services.not_configured')}
            </Typography>
          </TableCell>
          <TableCell align="right">
            {canEdit && (
              <Button
                component={Link}
                label="app.services.add"
                to={{
                  pathname: '/services/create',
                  search: `?${new URLSearchParams({ organizationId, type: entry.type }).toString()}`,
                }}
              >
                <AddIcon />
              </Button>
            )}
          </TableCell>
        </>
      ) : (
        <>
          <TableCell>
            <Tooltip title={SHARING_RULE_HELP[rule]}>
              <Chip
                size="small"
                color={RULE_COLOR[rule]}
                label={translate(`app.sharing.rule.${rule}`)}
                data-rule={rule}
              />
            </Tooltip>
          </TableCell>
          <TableCell>
            <OrgActiveSwitch service={service} label={entry.label} disabled={!canEdit} />
          </TableCell>
          <TableCell sx={{ minWidth: 200 }}>
            <ConfigCell service={service} />
          </TableCell>
          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
            {canEdit && (
              <>
                <Tooltip title={translate('ra.action.edit')}>
                  <IconButton
                    component={Link}
                    to={`/services/${encodeURIComponent(service.id)}`}
                    aria-label={translate('ra.action.edit')}
                    color="primary"
                    size="small"
                  >
                    <EditIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
                <OrgDeleteServiceButton service={service} label={entry.label} />
              </>
            )}
          </TableCell>
        </>
      )}
    </TableRow>
  );
}
