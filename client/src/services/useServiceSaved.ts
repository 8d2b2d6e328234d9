import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNotify, useRedirect } from 'react-admin';
import type { ServiceRecord } from '../providers/types.ts';

export const servicesTabPath = (channelId: string) => `/channels/${encodeURIComponent(channelId)}/services`;

/**
 * After any change of a service: the channel's coverage and the service rows are refetched, the server's
 * warnings (e.g. Reverse beside RMA) are shown, and forms return to the channel's Services tab.
 */
export function useServiceSaved() {
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  return useCallback(
    (service: ServiceRecord, options: { message?: string; redirect?: boolean } = {}) => {
      void queryClient.invalidateQueries({ queryKey: ['channels'] });
      void queryClient.invalidateQueries({ queryKey: ['services'] });
      const warnings = service.warnings ?? [];
      if (warnings.length) {
        notify('app.services.saved_with_warnings', {
          type: 'warning',
          messageArgs: { warnings: warnings.join(' ') },
          autoHideDuration: 15_000,
        });
      } else {
        notify(options.message ?? 'app.services.saved', { type: 'success' });
      }
      if (options.redirect) redirect(service.channelId ? servicesTabPath(service.channelId) : `/organizations/${service.organizationId ?? ''}/services`);
    },
    [notify, redirect, queryClient],
  );
}
