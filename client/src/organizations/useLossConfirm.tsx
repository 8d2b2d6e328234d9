import { useCallback, useState, type ReactNode } from 'react';
import { Confirm } from 'react-admin';
import { trpcClient } from '../providers/trpc.ts';

type Change = {
  sharingRule?: 'unshared' | 'shared-active' | 'shared-inactive' | 'shared-mandatory';
  active?: boolean;
  deleted?: boolean;
};

interface Pending {
  channels: string[];
  resolve: (confirmed: boolean) => void;
}

/**
 * Before a change to an organization configuration: asks the server which channels would lose it and, if
 * any, has the admin confirm naming them. `check` answers `{ confirmLoss }` to send along, or null (cancelled).
 */
export function useLossConfirm(): {
  check: (id: string, change: Change) => Promise<{ confirmLoss?: true } | null>;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const check = useCallback(async (id: string, change: Change) => {
    const { losing } = await trpcClient.services.previewChange.query({ id, ...change });
    if (losing.length === 0) return {};
    const confirmed = await new Promise<boolean>((resolve) => setPending({ channels: losing, resolve }));
    return confirmed ? { confirmLoss: true as const } : null;
  }, []);
  const close = (confirmed: boolean) => {
    pending?.resolve(confirmed);
    setPending(null);
  };
  const dialog = (
    <Confirm
      isOpen={pending !== null}
      title="app.sharing.loss_title"
      titleTranslateOptions={{ smart_count: pending?.channels.length ?? 0 }}
      content="app.sharing.loss_content"
      contentTranslateOptions={{ channels: pending?.channels.join(', ') ?? '' }}
      confirm="app.sharing.loss_confirm"
      confirmColor="warning"
      onConfirm={() => close(true)}
      onClose={() => close(false)}
    />
  );
  return { check, dialog };
}
