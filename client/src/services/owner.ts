import { useGetOne } from 'react-admin';
import type { ChannelRecord, OrganizationRecord } from '../providers/types.ts';

/** Who holds a configuration: a channel, or an organization that shares it. */
export type Owner =
  { kind: 'channel'; channel: ChannelRecord } | { kind: 'organization'; organization: OrganizationRecord };

/** Loads the channel or the organization a configuration belongs to (or is about to). */
export function useOwner(ids: { channelId?: string | null; organizationId?: string | null }) {
  const channelId = ids.channelId ?? '';
  const organizationId = ids.organizationId ?? '';
  const channel = useGetOne<ChannelRecord>('channels', { id: channelId }, { enabled: Boolean(channelId) });
  const organization = useGetOne<OrganizationRecord>(
    'organizations',
    { id: organizationId },
    { enabled: !channelId && Boolean(organizationId) },
  );
  const owner: Owner | undefined = channel.data
    ? { kind: 'channel', channel: channel.data }
    : organization.data
      ? { kind: 'organization', organization: organization.data }
      : undefined;
  return { owner, error: channel.error ?? organization.error, missing: !channelId && !organizationId };
}

export const ownerName = (owner: Owner) =>
  owner.kind === 'channel' ? owner.channel.name : owner.organization.name;
