import { Alert, Box, Card, CardContent, Link, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useTranslate } from 'react-admin';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { useTRPC } from '../providers/trpc.ts';
import { InputsTable } from './InputsTable.tsx';
import { NegotiationActions } from './NegotiationActions.tsx';
import { NegotiationEditor } from './NegotiationEditor.tsx';
import { OutputsPanel } from './OutputsPanel.tsx';
import { negotiationPath } from './paths.ts';
import { StateChip } from './StateChip.tsx';
import { TrailList } from './TrailList.tsx';

/** One negotiation: its inputs (editable until approval), the start and outputs, the workflow and its trail. */
export default function NegotiationPage() {
  const translate = useTranslate();
  const trpc = useTRPC();
  const { id = '' } = useParams();
  const { data: n, error, isPending } = useQuery(trpc.sequence.get.queryOptions({ id }));
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  const related = (key: string, other: { id: string; number: number } | null) =>
    other && (
      <Link component={RouterLink} to={negotiationPath(other.id)}>
        {translate(key, { number: other.number })}
      </Link>
    );
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={`${translate('app.sequence.title')} #${n.number}`} />
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1, flexWrap: 'wrap' }}>
        <Link component={RouterLink} to="/sequence">
          {translate('app.sequence.back')}
        </Link>
        <Typography variant="h5" sx={{ ml: 2 }}>{`#${n.number} ${n.title}`}</Typography>
        <StateChip state={n.state} />
        {related('app.sequence.supersedes', n.supersedes)}
        {related('app.sequence.superseded_by', n.supersededBy)}
      </Stack>
      {n.appliedNote && (
        <Alert severity="success" sx={{ mb: 2 }}>
          {translate('app.sequence.applied_note', { note: n.appliedNote })}
        </Alert>
      )}
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('app.sequence.inputs')}
          </Typography>
          {n.actions.edit === null ? (
            <NegotiationEditor key={n.version} negotiation={n} />
          ) : (
            <Stack sx={{ gap: 3 }}>
              <InputsTable negotiation={n} />
              <OutputsPanel computation={n.computation} />
            </Stack>
          )}
        </CardContent>
      </Card>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mt: 2 }}>
        <Card>
          <CardContent>
            <Typography variant="h6" gutterBottom>
              {translate('app.sequence.workflow')}
            </Typography>
            <NegotiationActions negotiation={n} />
          </CardContent>
        </Card>
        <Card>
          <CardContent>
            <Typography variant="h6" gutterBottom>
              {translate('app.sequence.trail')}
            </Typography>
            <TrailList trail={n.trail} />
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
}
