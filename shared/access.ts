import type { Role } from './roles.ts';

/**
 * Who may do what. The server enforces it per procedure (each procedure names one of these entries
 * in its meta); the client reads the same table to hide what the server would refuse anyway.
 */
export const ACCESS = {
  'users.read': ['admin'],
  'users.write': ['admin'],
  'audit.read': ['admin', 'support'],
  'channels.read': ['admin', 'channel_manager', 'support'],
  'channels.write': ['admin', 'channel_manager'],
  'services.read': ['admin', 'channel_manager', 'support'],
  'services.write': ['admin', 'channel_manager'],
  'services.restore': ['admin'],
  'tokens.manage': ['admin'],
  'organizations.read': ['admin', 'channel_manager', 'support'],
  'organizations.write': ['admin'],
  'probes.read': ['admin', 'channel_manager', 'support'],
  'probes.run': ['admin', 'channel_manager'],
  'dashboard.read': ['admin', 'channel_manager', 'support'],
  'account.self': ['admin', 'channel_manager', 'support'],
  'exports.read': ['admin', 'channel_manager', 'support'],
  'exports.run': ['admin', 'support'],
  'sequence.read': ['admin'],
  'sequence.write': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof ACCESS;

export function isAllowed(role: Role, permission: Permission): boolean {
  return (ACCESS[permission] as readonly Role[]).includes(role);
}

/** The react-admin resources and which permission each action needs. */
export const RESOURCE_ACCESS: Record<string, Partial<Record<string, Permission>>> = {
  users: { list: 'users.read', show: 'users.read', edit: 'users.write', create: 'users.write' },
  audit: { list: 'audit.read', show: 'audit.read' },
  channels: {
    list: 'channels.read',
    show: 'channels.read',
    edit: 'channels.write',
    create: 'channels.write',
  },
  services: {
    list: 'services.read',
    show: 'services.read',
    edit: 'services.write',
    create: 'services.write',
    delete: 'services.write',
  },
  organizations: {
    list: 'organizations.read',
    show: 'organizations.read',
    edit: 'organizations.write',
    create: 'organizations.write',
    delete: 'organizations.write',
  },
  exports: { list: 'exports.read', show: 'exports.read', edit: 'exports.run' },
  tokens: { list: 'tokens.manage', create: 'tokens.manage', delete: 'tokens.manage' },
  sequence: {
    list: 'sequence.read',
    show: 'sequence.read',
    create: 'sequence.write',
    edit: 'sequence.write',
  },
};

export function canAccessResource(role: Role, resource: string, action: string): boolean {
  const permission = RESOURCE_ACCESS[resource]?.[action];
  return permission !== undefined && isAllowed(role, permission);
}
