import DeleteIcon from '@mui/icons-material/Delete';
import { IconButton, Tooltip } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useNotify, useTranslate } from 'react-admin';
import { trpcClient } from '../providers/trpc.ts';
import type { ServiceRecord } from '../providers/types.ts';
import { useServiceSaved } from '../services/useServiceSaved.ts';
import { useLossConfirm } from './useLossConfirm.tsx';

/** Deletes an organization configuration: channels that would lose it are named and confirmed first. */
export function OrgDeleteServiceButton({ service, label }: { service: ServiceRecord; label: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const saved = useServiceSaved();
  const { check, dialog } = useLossConfirm();
  const [plainConfirm, setPlainConfirm] = useState(false);
  const remove = useMutation({
    mutationFn: (confirmLoss: boolean) =>
      trpcClient.services.delete.mutate({
        id: service.id,
        version: service.version,
        ...(confirmLoss ? { confirmLoss } : {}),
      }),
    onSuccess: () => saved({ ...service, warnings: [] }, { message: 'app.services.deleted_done' }),
    onError: (error) => notify(error.message, { type: 'error' }),
    onSettled: () => setPlainConfirm(false),
  });
  const start = async () => {
    try {
      const confirmed = await check(service.id, { deleted: true });
      if (confirmed?.confirmLoss) remove.mutate(true);
      else if (confirmed) setPlainConfirm(true);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    }
  };
  return (
    <>
      <Tooltip title={translate('ra.action.delete')}>
        <IconButton
          aria-label={translate('ra.action.delete')}
          color="error"
          size="small"
          onClick={() => void start()}
        >
          <DeleteIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      {dialog}
      <Confirm
        isOpen={plainConfirm}
        loading={remove.isPending}
        title="app.services.delete_title"
        titleTranslateOptions={{ label }}
        content="app.services.delete_content_org"
        confirm="ra.action.delete"
        confirmColor="warning"
        onClose={() => setPlainConfirm(false)}
        onConfirm={() => remove.mutate(false)}
      />
    </>
  );
}
