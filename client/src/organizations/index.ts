import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import { lazy } from 'react';

const views = () => import('./OrganizationViews.tsx');

export const organizations = {
  list: lazy(() => import('./OrganizationList.tsx')),
  create: lazy(() => views().then((m) => ({ default: m.OrganizationCreate }))),
  edit: lazy(() => views().then((m) => ({ default: m.OrganizationEdit }))),
  show: lazy(() => views().then((m) => ({ default: m.OrganizationShow }))),
  icon: CorporateFareIcon,
  recordRepresentation: 'name',
};
