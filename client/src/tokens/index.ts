import VpnKeyIcon from '@mui/icons-material/VpnKey';
import { lazy } from 'react';

/** API tokens for the order intake (admins only; shared/access.ts). Deleting one revokes it. */
export const tokens = {
  list: lazy(() => import('./TokenList.tsx')),
  create: lazy(() => import('./TokenCreate.tsx')),
  icon: VpnKeyIcon,
  recordRepresentation: 'name',
  options: { label: 'API tokens' },
};
