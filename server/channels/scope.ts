import type { SessionUser } from '../auth/sessions.ts';
import { forbidden } from '../errors.ts';

/** Channel managers work on their assigned channels only; admins and support see every channel. */
export function channelScope(user: SessionUser): string[] | 'all' {
  return user.role === 'channel_manager' ? user.channels : 'all';
}

export function inScope(user: SessionUser, channelId: string): boolean {
  const scope = channelScope(user);
  return scope === 'all' || scope.includes(channelId);
}

export function assertChannelInScope(user: SessionUser, channelId: string): void {
  if (!inScope(user, channelId)) {
    throw forbidden(`You are not assigned to channel ${channelId}. Ask an admin to add it to your channels.`);
  }
}
