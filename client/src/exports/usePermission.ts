import { usePermissions } from 'react-admin';
import { isAllowed } from '../../../shared/access.ts';
import type { Role } from '../../../shared/roles.ts';

/** Support and admin act on exports (exports.run); others only read. The server enforces it anyway. */
export function useCanRunExports(): boolean {
  const { permissions } = usePermissions<Role>();
  return permissions ? isAllowed(permissions, 'exports.run') : false;
}
