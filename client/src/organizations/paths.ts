import { useCanAccess } from 'react-admin';

/** The organization page: its form for admins, read-only for everyone else; optionally one tab. */
export function useOrganizationPath() {
  const { canAccess: canEdit = false } = useCanAccess({ resource: 'organizations', action: 'edit' });
  return (id: string, tab?: 'services' | 'channels') =>
    `/organizations/${encodeURIComponent(id)}${canEdit ? '' : '/show'}${tab ? `/${tab}` : ''}`;
}
