import NetworkCheckIcon from '@mui/icons-material/NetworkCheck';
import { CircularProgress, IconButton, Tooltip } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';
import { useRefreshServices } from '../services/useServiceSaved.ts';
import { outcomeLabel } from './outcome.ts';

/** Tests the configuration a channel uses for one type, stores the run, and refreshes the health column. */
export function TestRowButton({
  configId,
  channelId,
  label,
}: {
  configId: string;
  channelId: string;
  label: string;
}) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefreshServices();
  const test = useMutation(
    trpc.probes.testSaved.mutationOptions({
      onSuccess: (run) => {
        refresh();
        notify('app.probes.test_done', {
          type: run.outcome === 'ok' ? 'success' : 'warning',
          messageArgs: { outcome: outcomeLabel(run.outcome), message: run.message },
        });
      },
      onError: (error) => notify(error.message, { type: 'error' }),
    }),
  );
  return (
    <Tooltip title={`${translate('app.probes.test')}: ${label}`}>
      <span>
        <IconButton
          size="small"
          color="primary"
          aria-label={translate('app.probes.test')}
          disabled={test.isPending}
          onClick={() => test.mutate({ configId, channelId })}
        >
          {test.isPending ? <CircularProgress size={18} /> : <NetworkCheckIcon fontSize="small" />}
        </IconButton>
      </span>
    </Tooltip>
  );
}
