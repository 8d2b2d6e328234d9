import StorefrontIcon from '@mui/icons-material/Storefront';
import { lazy } from 'react';

export const channels = {
  list: lazy(() => import('./ChannelList.tsx')),
  create: lazy(() => import('./ChannelCreate.tsx')),
  edit: lazy(() => import('./ChannelEdit.tsx')),
  show: lazy(() => import('./ChannelShow.tsx')),
  icon: StorefrontIcon,
  recordRepresentation: 'name',
};
