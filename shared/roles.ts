import { z } from 'zod';

export const ROLES = ['admin', 'channel_manager', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES, {
  error: () => `Choose one of the roles: ${ROLES.join(', ')}.`,
});

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  channel_manager: 'Channel manager',
  support: 'Support',
};
