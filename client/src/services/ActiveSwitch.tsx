import { Switch } from '@mui/material';
import { useNotify, useTranslate, useUpdate } from 'react-admin';
import type { ServiceRecord } from '../providers/types.ts';
import { useServiceSaved } from './useServiceSaved.ts';

/** Turns a configuration on or off at once; the server refuses conflicting activations and says why. */
export function ActiveSwitch({
  service,
  label,
  disabled,
}: {
  service: ServiceRecord;
  label: string;
  disabled: boolean;
}) {
  const [update, { isPending }] = useUpdate<ServiceRecord>();
  const notify = useNotify();
  const translate = useTranslate();
  const saved = useServiceSaved();
  return (
    <Switch
      checked={service.active}
      disabled={disabled || isPending}
      slotProps={{ input: { 'aria-label': `${translate('resources.services.fields.active')}: ${label}` } }}
      onChange={(_event, active) =>
        void update(
          'services',
          { id: service.id, data: { active }, previousData: service },
          {
            mutationMode: 'pessimistic',
            onSuccess: (data) =>
              saved(data, { message: active ? 'app.services.activated' : 'app.services.deactivated' }),
            onError: (error) =>
              notify(error instanceof Error ? error.message : String(error), { type: 'error' }),
          },
        )
      }
    />
  );
}
