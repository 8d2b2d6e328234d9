import SettingsEthernetIcon from '@mui/icons-material/SettingsEthernet';
import { lazy } from 'react';

/** Service configurations are reached from a channel's Services tab, so the resource has no list of its own. */
export const services = {
  create: lazy(() => import('./ServiceCreate.tsx')),
  edit: lazy(() => import('./ServiceEdit.tsx')),
  icon: SettingsEthernetIcon,
  recordRepresentation: 'label',
};
