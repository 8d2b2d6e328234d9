import PeopleIcon from '@mui/icons-material/People';
import { lazy } from 'react';

export const users = {
  list: lazy(() => import('./UserList.tsx')),
  create: lazy(() => import('./UserCreate.tsx')),
  edit: lazy(() => import('./UserEdit.tsx')),
  icon: PeopleIcon,
  recordRepresentation: 'email',
};
