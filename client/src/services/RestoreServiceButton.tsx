import RestoreIcon from '@mui/icons-material/Restore';
import { useMutation } from '@tanstack/react-query';
import { Button, useNotify } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import type { ServiceRecord } from '../providers/types.ts';
import { useServiceSaved } from './useServiceSaved.ts';

/** Brings a deleted configuration back, inactive (admins only). */
export function RestoreServiceButton({ service }: { service: ServiceRecord }) {
  const trpc = useTRPC();
  const notify = useNotify();
  const saved = useServiceSaved();
  const restore = useMutation(
    trpc.services.restore.mutationOptions({
      onSuccess: (data) => saved(data, { message: 'app.services.restored' }),
      onError: (error) => notify(error.message, { type: 'error' }),
    }),
  );
  return (
    <Button
      label="app.services.restore"
      disabled={restore.isPending}
      onClick={() => restore.mutate({ id: service.id })}
    >
      <RestoreIcon />
    </Button>
  );
}
