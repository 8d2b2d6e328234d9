import NetworkCheckIcon from '@mui/icons-material/NetworkCheck';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { FormDataConsumer, useTranslate } from 'react-admin';
import type { ServiceCreateInput } from '../../../shared/schemas/services.ts';
import { useTRPC } from '../providers/trpc.ts';
import { clientCertificateOf } from '../services/payload.ts';
import { ProbeLadder } from './ProbeLadder.tsx';

interface Props {
  channelId: string;
  type: string;
  /**
   * Editing a saved configuration: its stored password and client certificate are used unless the form replaced
   * or cleared them.
   */
  configId?: string;
}

/** The form's password as the test takes it: typed in, cleared (null), or left out to use the stored one. */
function passwordOf(values: Record<string, unknown>): { password?: string | null } {
  if (values.passwordAction === 'clear') return { password: null };
  if (values.passwordAction === 'keep') return {};
  return typeof values.password === 'string' && values.password !== '' ? { password: values.password } : {};
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function TestPanel({ channelId, type, configId, values }: Props & { values: Record<string, unknown> }) {
  const translate = useTranslate();
  const trpc = useTRPC();
  const test = useMutation(trpc.probes.testForm.mutationOptions());
  const run = () => {
    const pin = text(values.trustedCertificateSha256).trim();
    test.mutate({
      channelId,
      type: type as ServiceCreateInput['type'],
      ...(configId ? { configId } : {}),
      endpoint: text(values.endpoint).trim(),
      username: text(values.username).trim(),
      timeoutMs: Number(values.timeoutMs) || 30_000,
      trustedCertificateSha256: pin || null,
      ...passwordOf(values),
      ...clientCertificateOf(values),
    });
  };
  return (
    <Box component="section" sx={{ width: '100%', my: 2 }} aria-label={translate('app.probes.ladder_title')}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, mb: 1 }}>
        <Button
          type="button"
          variant="outlined"
          onClick={run}
          disabled={test.isPending}
          startIcon={test.isPending ? <CircularProgress size={16} /> : <NetworkCheckIcon />}
        >
          {translate(test.isPending ? 'app.probes.testing' : 'app.probes.test')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {translate('app.probes.test_form_help')}
        </Typography>
      </Stack>
      {test.error && <Alert severity="error">{test.error.message}</Alert>}
      {test.data && !test.isPending && <ProbeLadder result={test.data} />}
    </Box>
  );
}

/** Tests the values in the form as they are now, without saving them, and shows the ladder. */
export const TestFormButton = (props: Props) => (
  <FormDataConsumer>{({ formData }) => <TestPanel {...props} values={formData} />}</FormDataConsumer>
);
