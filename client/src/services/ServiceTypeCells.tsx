import { TableCell, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import { ServiceBadges } from './ServiceBadges.tsx';

/** The first cell of a service row, for a channel or an organization: name, type, protocol and badges. */
export function ServiceTypeCell({
  entry,
  service,
  maxWidth,
}: {
  entry: CatalogueEntry;
  service?: ServiceRecord | undefined;
  maxWidth: number;
}) {
  return (
    <TableCell sx={{ minWidth: 200, maxWidth }}>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {service?.name || entry.label}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {entry.type} · {entry.protocol}, {entry.api}
      </Typography>
      <ServiceBadges entry={entry} service={service} />
    </TableCell>
  );
}

/** The cells of a row whose type has no configuration yet. */
export function NotConfiguredCell({ colSpan }: { colSpan: number }) {
  const translate = useTranslate();
  return (
    <TableCell colSpan={colSpan}>
      <Typography variant="body2" color="text.secondary">
        {translate('app.services.not_configured')}
      </Typography>
    </TableCell>
  );
}
