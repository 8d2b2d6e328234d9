import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { IconButton, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';

const PER_PAGE = [25, 50, 100];

/**
 * Keyset paging has no page numbers to jump to: rows shown, and previous / next. (react-admin's partial
 * pagination would claim "1-25 of 25" for a page of 3 rows.)
 */
export function ExportPagination() {
  const translate = useTranslate();
  const { page, perPage, data, hasNextPage, hasPreviousPage, setPage, setPerPage, isPending } =
    useListContext();
  if (isPending || (!data?.length && page === 1)) return null;
  const first = (page - 1) * perPage + 1;
  const last = first + (data?.length ?? 0) - 1;
  return (
    <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'flex-end', gap: 2, p: 1 }}>
      <TextField
        select
        size="small"
        variant="standard"
        fullWidth={false}
        label={translate('app.exports.per_page')}
        value={perPage}
        onChange={(e) => setPerPage(Number(e.target.value))}
        sx={{ minWidth: 90 }}
      >
        {PER_PAGE.map((n) => (
          <MenuItem key={n} value={n}>
            {n}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="body2" data-testid="exports-rows" sx={{ whiteSpace: 'nowrap' }}>
        {translate('app.exports.rows', { first, last })}
      </Typography>
      <IconButton
        aria-label={translate('ra.navigation.previous')}
        disabled={!hasPreviousPage || page <= 1}
        onClick={() => setPage(page - 1)}
      >
        <ChevronLeftIcon />
      </IconButton>
      <IconButton
        aria-label={translate('ra.navigation.next')}
        disabled={!hasNextPage}
        onClick={() => setPage(page + 1)}
      >
        <ChevronRightIcon />
      </IconButton>
    </Stack>
  );
}
