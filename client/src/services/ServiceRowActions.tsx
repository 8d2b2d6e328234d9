import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import { IconButton, Tooltip } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { ServiceRecord } from '../providers/types.ts';
import { DeleteServiceButton } from './DeleteServiceButton.tsx';
import { RestoreServiceButton } from './RestoreServiceButton.tsx';

export function AddServiceButton({ channelId, type }: { channelId: string; type: string }) {
  return (
    <Button
      component={Link}
      label="app.services.add"
      to={{ pathname: '/services/create', search: `?${new URLSearchParams({ channelId, type }).toString()}` }}
    >
      <AddIcon />
    </Button>
  );
}

interface Props {
  service: ServiceRecord;
  label: string;
  canEdit: boolean;
  isAdmin: boolean;
}

/** Edit and Delete for a live configuration, Restore (admins) for a deleted one. */
export function ServiceRowActions({ service, label, canEdit, isAdmin }: Props) {
  const translate = useTranslate();
  if (service.deletedAt) return isAdmin ? <RestoreServiceButton service={service} /> : null;
  if (!canEdit) return null;
  return (
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
      <DeleteServiceButton service={service} label={label} />
    </>
  );
}
