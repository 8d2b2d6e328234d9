import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import { lazy } from 'react';

export const orderExports = {
  list: lazy(() => import('./ExportList.tsx')),
  show: lazy(() => import('./ExportShow.tsx')),
  icon: LocalShippingIcon,
  recordRepresentation: 'shopOrderNumber',
  options: { label: 'Exports' },
};
