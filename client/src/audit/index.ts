import HistoryIcon from '@mui/icons-material/History';
import { lazy } from 'react';

export const audit = {
  list: lazy(() => import('./AuditList.tsx')),
  icon: HistoryIcon,
  options: { label: 'Audit log' },
};
