import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNotify, useRedirect } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import type { ServiceRecord } from '../providers/types.ts';

export const servicesTabPath = (channelId: string) => `/channels/${encodeURIComponent(channelId)}/services`;
export const organizationServicesPath = (organizationId: string) =>
  `/organizations/${encodeURIComponent(organizationId)}/services`;

/** Refetches everything a service change can alter: rows, effective configurations, coverage, health. */
export function useRefreshServices() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return useCallback(() => {
    for (const key of ['channels', 'services', 'organizations']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
    void queryClient.invalidateQueries(trpc.services.pathFilter());
    void queryClient.invalidateQueries(trpc.probes.pathFilter());
  }, [queryClient, trpc]);
}

/**
 * After any change of a service: the channel's coverage and the service rows are refetched, the server's
 * warnings (e.g. Reverse beside RMA) are shown, and forms return to the owner's Services tab.
 */
export function useServiceSaved() {
  const notify = useNotify();
  const redirect = useRedirect();
  const refresh = useRefreshServices();
  return useCallback(
    (service: ServiceRecord, options: { message?: string; redirect?: boolean } = {}) => {
      refresh();
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
      if (options.redirect) {
        redirect(
          service.channelId
            ? servicesTabPath(service.channelId)
            : organizationServicesPath(service.organizationId ?? ''),
        );
      }
    },
    [notify, redirect, refresh],
  );
}
