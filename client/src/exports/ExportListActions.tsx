import DownloadIcon from '@mui/icons-material/Download';
import ReplayIcon from '@mui/icons-material/Replay';
import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { FilterButton, TopToolbar, useListContext, useTranslate } from 'react-admin';
import { csvUrl, toExportFilter, type ExportListMeta } from '../providers/resources/exports.ts';
import { BulkRetryDialog } from './BulkRetryDialog.tsx';
import { formatTotal } from './format.ts';
import { useCanRunExports } from './usePermission.ts';

/** "≈ 1.2 M exports" (or exact below the server's cap), and a note when a page fell back to page 1. */
function TotalLabel() {
  const translate = useTranslate();
  const list = useListContext();
  const m = list.meta as ExportListMeta | undefined;
  const { page, isPending } = list;
  if (isPending || !m) return null;
  return (
    <Typography
      variant="body2"
      color="text.secondary"
      data-testid="exports-total"
      sx={{ mr: 'auto', alignSelf: 'center' }}
    >
      {translate('app.exports.total', { total: formatTotal(m.total), smart_count: m.total.count })}
      {m.page !== page && ` · ${translate('app.exports.page_reset')}`}
    </Typography>
  );
}

function DownloadCsvButton() {
  const translate = useTranslate();
  const list = useListContext();
  const filterValues = list.filterValues as Record<string, unknown>;
  const { sort } = list;
  return (
    <Button size="small" startIcon={<DownloadIcon />} href={csvUrl(filterValues, sort)} download>
      {translate('app.exports.download_csv')}
    </Button>
  );
}

function RetryAllButton() {
  const translate = useTranslate();
  const filterValues = useListContext().filterValues as Record<string, unknown>;
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" startIcon={<ReplayIcon />} onClick={() => setOpen(true)}>
        {translate('app.exports.retry_all')}
      </Button>
      {open && <BulkRetryDialog filter={toExportFilter(filterValues)} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ExportListActions() {
  const canRun = useCanRunExports();
  return (
    <TopToolbar sx={{ width: '100%' }}>
      <TotalLabel />
      <FilterButton />
      <DownloadCsvButton />
      {canRun && <RetryAllButton />}
    </TopToolbar>
  );
}
