import PinIcon from '@mui/icons-material/Pin';
import { lazy } from 'react';

/** The "Order numbers" page (admins only; shared/access.ts): the calculator and the negotiations. */
export const sequence = {
  list: lazy(() => import('./OrderNumbersPage.tsx')),
  show: lazy(() => import('./NegotiationPage.tsx')),
  icon: PinIcon,
  options: { label: 'Order numbers' },
};
