import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { Chip, IconButton, TableCell, TableRow, Tooltip } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { SHARING_RULE_HELP } from '../../../shared/sharing/effective.ts';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import { ConfigCell } from '../services/ConfigCell.tsx';
import { NotConfiguredCell, ServiceTypeCell } from '../services/ServiceTypeCells.tsx';
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
      <ServiceTypeCell entry={entry} service={service} maxWidth={300} />
      {!service ? (
        <>
          <NotConfiguredCell colSpan={3} />
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
