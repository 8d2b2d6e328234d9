import DeleteIcon from '@mui/icons-material/Delete';
import { IconButton, Tooltip } from '@mui/material';
import { useState } from 'react';
import { Confirm, useDelete, useNotify, useTranslate } from 'react-admin';
import type { ServiceRecord } from '../providers/types.ts';
import { useServiceSaved } from './useServiceSaved.ts';

/** Soft delete after a confirmation; the configuration keeps its history and an admin can restore it. */
export function DeleteServiceButton({ service, label }: { service: ServiceRecord; label: string }) {
  const [open, setOpen] = useState(false);
  const [remove, { isPending }] = useDelete<ServiceRecord>();
  const notify = useNotify();
  const saved = useServiceSaved();
  const translate = useTranslate();
  return (
    <>
      <Tooltip title={translate('ra.action.delete')}>
        <IconButton
          aria-label={translate('ra.action.delete')}
          color="error"
          size="small"
          onClick={() => setOpen(true)}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="app.services.delete_title"
        titleTranslateOptions={{ label }}
        content="app.services.delete_content"
        confirm="ra.action.delete"
        confirmColor="warning"
        onClose={() => setOpen(false)}
        onConfirm={() =>
          void remove(
            'services',
            { id: service.id, previousData: service },
            {
              mutationMode: 'pessimistic',
              onSuccess: () => {
                setOpen(false);
                saved({ ...service, warnings: [] }, { message: 'app.services.deleted_done' });
              },
              onError: (error) => {
                setOpen(false);
                notify(error instanceof Error ? error.message : String(error), { type: 'error' });
              },
            },
          )
        }
      />
    </>
  );
}
