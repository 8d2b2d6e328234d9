import { Alert, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { useTRPC } from '../providers/trpc.ts';
import { negotiationPath } from './paths.ts';
import { StateChip } from './StateChip.tsx';

/** Every negotiation, newest first, with its state and start. */
export function NegotiationList() {
  const translate = useTranslate();
  const trpc = useTRPC();
  const { data, error, isPending } = useQuery(trpc.sequence.list.queryOptions({}));
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (data.length === 0)
    return <Typography color="text.secondary">{translate('app.sequence.negotiations_empty')}</Typography>;
  return (
    <Table size="small" aria-label={translate('app.sequence.negotiations')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('app.sequence.column_number')}</TableCell>
          <TableCell>{translate('app.sequence.column_title')}</TableCell>
          <TableCell>{translate('app.sequence.column_state')}</TableCell>
          <TableCell>{translate('app.sequence.column_start')}</TableCell>
          <TableCell>{translate('app.sequence.column_created')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((n) => (
          <TableRow key={n.id} hover data-negotiation={n.number}>
            <TableCell>{n.number}</TableCell>
            <TableCell>
              <Link component={RouterLink} to={negotiationPath(n.id)}>
                {n.title}
              </Link>
            </TableCell>
            <TableCell>
              <StateChip state={n.state} />
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>{String(n.start)}</TableCell>
            <TableCell>{`${n.createdBy}, ${n.createdAt.toLocaleString()}`}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
