import { sameEndpointOrigin } from '../../shared/endpointOrigin.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { inScope } from '../channels/scope.ts';
import type { ServiceRow } from '../services/queries.ts';
import { mayWrite, ownerOf } from '../services/ownership.ts';

/** What the service form shows when a test of a changed host runs without the stored password. */
export const DIFFERENT_HOST = 'Type the password to test against a different host.';
export const STORED_PASSWORD_STAYS =
  'Type the password again (or clear it): the stored one stays with the scheme, host and port it was saved for, and the endpoint now points elsewhere.';
export const NOT_EDITABLE =
  'Type the password to test: the stored one is used only on behalf of someone who may change this configuration.';

/** Where a request that would carry a configuration's stored secrets goes. */
export type SecretUse =
  /** To an endpoint the caller typed (the service form's Test). */
  | { kind: 'typed-endpoint'; endpoint: string }
  /** To the stored endpoint itself, for one channel's shop (saved tests, test all, live status, IOM's numbers). */
  | { kind: 'stored-endpoint'; channel: { id: string; organizationId: string } };

export type CustodyVerdict = { release: true } | { release: false; reason: string };

/**
 * The one rule for a configuration's stored secrets (its password and its client certificate):
 * they go only to the scheme, host and port they were saved with. Sent to an endpoint the caller typed, they
 * also need a caller who may change the configuration, or anyone could point a form at their own host and
 * collect them. Sent to the stored endpoint for a channel, the caller must see that channel, and the
 * configuration must be the channel's own or one its organization shares (an unshared one only for its
 * editors).
 */
export function custodyVerdict(user: SessionUser, config: ServiceRow, use: SecretUse): CustodyVerdict {
  const editable = mayWrite(user, ownerOf(config));
  if (use.kind === 'typed-endpoint') {
    if (!sameEndpointOrigin(use.endpoint, config.endpoint)) return { release: false, reason: DIFFERENT_HOST };
    return editable ? { release: true } : { release: false, reason: NOT_EDITABLE };
  }
  const { channel } = use;
  if (!inScope(user, channel.id))
    return { release: false, reason: `You are not assigned to channel ${channel.id}.` };
  const own = config.channelId === channel.id;
  const inherited = config.channelId === null && config.organizationId === channel.organizationId;
  if (own || (inherited && (config.sharingRule !== 'unshared' || editable))) return { release: true };
  return {
    release: false,
    reason: inherited
      ? `This organization configuration is not shared with channel ${channel.id}; only an admin can test it.`
      : `This configuration is not one that channel ${channel.id} can use.`,
  };
}
