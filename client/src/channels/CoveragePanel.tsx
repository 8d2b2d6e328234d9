import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Box, Chip, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { ChannelRecord } from '../providers/types.ts';
import { coverageColor } from './features.ts';

const icons = {
  available: <CheckCircleIcon color="success" />,
  limited: <WarningAmberIcon color="warning" />,
  missing: <ErrorOutlineIcon color="error" />,
};

/**
 * Each shop feature with its status and, when not fully available, what is missing; below it, what must be
 * done in ICM for it to work (e.g. the standard Inventory Service unshared), as a checklist.
 */
export function CoveragePanel() {
  const record = useRecordContext<ChannelRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box component="section" aria-label={translate('app.channels.coverage_title')}>
      <Typography variant="subtitle1">{translate('app.channels.coverage_title')}</Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('app.channels.coverage_hint')}
      </Typography>
      <List dense>
        {record.coverage.map((c) => (
          <ListItem key={c.feature} alignItems="flex-start" disableGutters>
            <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }}>{icons[c.status]}</ListItemIcon>
            <ListItemText
              primary={
                <>
                  {c.label}{' '}
                  <Chip
                    size="small"
                    variant="outlined"
                    color={coverageColor[c.status]}
                    label={translate(`app.channels.status.${c.status}`)}
                  />
                </>
              }
              secondary={
                <>
                  {c.detail || translate('app.channels.via', { types: c.via.join(', ') })}
                  {c.icmChecklist.map((step) => (
                    <Box
                      component="span"
                      key={step}
                      data-testid="icm-checklist-item"
                      sx={{
                        display: 'flex',
                        alignItems: 'flex-start',
                        gap: 0.5,
                        mt: 0.5,
                        color: 'text.primary',
                      }}
                    >
                      <CheckBoxOutlineBlankIcon fontSize="small" color="warning" aria-hidden />
                      {step}
                    </Box>
                  ))}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
}
