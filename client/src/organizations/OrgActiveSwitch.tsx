import { Switch } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { trpcClient } from '../providers/trpc.ts';
import type { ServiceRecord } from '../providers/types.ts';
import { useServiceSaved } from '../services/useServiceSaved.ts';
import { useLossConfirm } from './useLossConfirm.tsx';

/** Switches an organization configuration on or off; switching off names the channels that lose it first. */
export function OrgActiveSwitch({
  service,
  label,
  disabled,
}: {
  service: ServiceRecord;
  label: string;
  disabled: boolean;
}) {
  const translate = useTranslate();
  const notify = useNotify();
  const saved = useServiceSaved();
  const { check, dialog } = useLossConfirm();
  const toggle = useMutation({
    mutationFn: async (active: boolean) => {
      const confirmed = active ? {} : await check(service.id, { active });
      if (!confirmed) return null;
      return trpcClient.services.update.mutate({
        id: service.id,
        version: service.version,
        active,
        ...confirmed,
      });
    },
    onSuccess: (result, active) => {
      if (result)
        saved(
          { ...result.service, warnings: result.warnings },
          { message: active ? 'app.services.activated' : 'app.services.deactivated' },
        );
    },
    onError: (error) => notify(error.message, { type: 'error' }),
  });
  return (
    <>
      <Switch
        checked={service.active}
        disabled={disabled || toggle.isPending}
        slotProps={{ input: { 'aria-label': `${translate('resources.services.fields.active')}: ${label}` } }}
        onChange={(_event, active) => toggle.mutate(active)}
      />
      {dialog}
    </>
  );
}
