import { Switch } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { useRefreshServices } from './useServiceSaved.ts';

interface Props {
  channelId: string;
  configId: string;
  active: boolean;
  label: string;
  disabled: boolean;
}

/** Switches an inherited configuration on or off for this channel only, where the sharing rule allows. */
export function InheritedSwitch({ channelId, configId, active, label, disabled }: Props) {
  const trpc = useTRPC();
  const notify = useNotify();
  const translate = useTranslate();
  const refresh = useRefreshServices();
  const toggle = useMutation(
    trpc.services.setInheritedActive.mutationOptions({
      onSuccess: ({ entry, warnings }) => {
        refresh();
        if (warnings.length) {
          notify('app.services.saved_with_warnings', {
            type: 'warning',
            messageArgs: { warnings: warnings.join(' ') },
            autoHideDuration: 15_000,
          });
        } else {
          notify(entry.effective.active ? 'app.effective.activated' : 'app.effective.deactivated', {
            type: 'success',
          });
        }
      },
      onError: (error) => notify(error.message, { type: 'error' }),
    }),
  );
  return (
    <Switch
      checked={toggle.isPending ? Boolean(toggle.variables?.active) : active}
      disabled={disabled || toggle.isPending}
      slotProps={{ input: { 'aria-label': `${translate('app.effective.inherited_active')}: ${label}` } }}
      onChange={(_event, on) => toggle.mutate({ channelId, configId, active: on })}
    />
  );
}
