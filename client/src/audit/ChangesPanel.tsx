import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { SECRET_CHANGED } from '../../../shared/diff.ts';
import type { FieldChange } from '../../../shared/schemas/audit.ts';

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** The field-level diff of one audit entry. */
export function ChangesPanel() {
  const record = useRecordContext<{ changes: FieldChange[] }>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.changes.length === 0)
    return <Typography variant="body2">{translate('app.audit.no_changes')}</Typography>;
  return (
    <Table size="small" sx={{ maxWidth: 900 }}>
      <TableHead>
        <TableRow>
          <TableCell>Field</TableCell>
          <TableCell>Before</TableCell>
          <TableCell>After</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {record.changes.map((c) => (
          <TableRow key={c.field}>
            <TableCell>{c.field}</TableCell>
            <TableCell>{c.from === SECRET_CHANGED ? translate('app.audit.secret') : show(c.from)}</TableCell>
            <TableCell>{c.to === SECRET_CHANGED ? translate('app.audit.secret') : show(c.to)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
