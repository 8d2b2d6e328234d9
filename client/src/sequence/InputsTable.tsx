import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Negotiation } from './types.ts';

/** The inputs as recorded: each party's number, where it came from, who entered it and when. */
export function InputsTable({ negotiation }: { negotiation: Negotiation }) {
  const translate = useTranslate();
  const n = negotiation;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate('app.sequence.inputs')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('app.sequence.party_name')}</TableCell>
            <TableCell>{translate('app.sequence.party_largest')}</TableCell>
            <TableCell>{translate('app.sequence.source')}</TableCell>
            <TableCell>{translate('app.sequence.entered_by')}</TableCell>
            <TableCell>{translate('app.sequence.entered_at')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {n.parties.map((p) => (
            <TableRow key={p.id}>
              <TableCell>{p.channelId ? `${p.name} (${p.channelId})` : p.name}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{String(p.largest)}</TableCell>
              <TableCell>{p.source}</TableCell>
              <TableCell>{p.enteredBy}</TableCell>
              <TableCell>{p.enteredAt.toLocaleString()}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" sx={{ mt: 1 }}>
        {`${translate('app.sequence.block_size')}: ${String(n.blockSize)} (${n.blockSizeSource})${n.computation.newBlockSize ? ` · ${translate('app.sequence.new_block_size_short')}: ${n.computation.newBlockSize}` : ''} · ${translate('app.sequence.prefix_short')}: ${n.prefix ?? translate('app.sequence.no_prefix')}`}
      </Typography>
    </Box>
  );
}
