import { Table, TableBody, TableCell, TableHead, TableRow, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** Service rows under translated column headings, with a last, unlabelled column for each row's actions. */
export function ServicesTable({
  columns,
  label,
  children,
  sx,
}: {
  columns: readonly string[];
  label: string;
  children: ReactNode;
  sx?: SxProps<Theme>;
}) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={label} sx={sx}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c}>{translate(c)}</TableCell>
          ))}
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>{children}</TableBody>
    </Table>
  );
}
