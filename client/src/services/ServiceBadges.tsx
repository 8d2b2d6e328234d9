import { Chip, Stack, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import { labelOf, useCatalogue } from './useCatalogue.ts';

/** Long chip labels wrap instead of widening the table. */
const wrap = { height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 } } as const;

/** Deprecated (with its replacement), provisioned and deleted, as small chips. */
export function ServiceBadges({ entry, service }: { entry: CatalogueEntry; service?: ServiceRecord }) {
  const translate = useTranslate();
  const { data: catalogue } = useCatalogue();
  return (
    <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
      {entry.deprecated && (
        <Tooltip title={entry.description}>
          <Chip
            size="small"
            color="warning"
            variant="outlined"
            sx={wrap}
            label={
              entry.replacedBy
                ? translate('app.services.deprecated_by', {
                    replacement: labelOf(catalogue, entry.replacedBy),
                  })
                : translate('app.services.deprecated')
            }
          />
        </Tooltip>
      )}
      {service?.provisioned && (
        <Tooltip title={translate('app.services.provisioned_help')}>
          <Chip size="small" color="info" variant="outlined" label={translate('app.services.provisioned')} />
        </Tooltip>
      )}
      {service?.deletedAt && (
        <Chip
          size="small"
          color="default"
          label={translate('app.services.deleted', { who: service.deletedBy ?? '—' })}
        />
      )}
    </Stack>
  );
}
