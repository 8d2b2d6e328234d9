import type { Identifier } from 'react-admin';
import type { ChannelUpdateInput } from '../../../../shared/schemas/channels.ts';
import { listParams, withoutBigints, type ResourceApi, type Row } from '../resourceApi.ts';
import { queryClient, trpcClient } from '../trpc.ts';

const SORTABLE = ['id', 'name', 'iomShopName', 'updatedAt'] as const;
type ChannelSort = (typeof SORTABLE)[number];
const EDITABLE = ['name', 'iomShopId', 'iomShopName', 'iomBaseUrl', 'description', 'organizationId'] as const;

const text = (v: unknown) =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
const orNull = (v: unknown) => text(v) || null;

/** What the forms hold, as the API takes it: the shop ID as digits, empty optional texts as null. */
function channelInput(data: Record<string, unknown>) {
  return {
    name: text(data.name),
    iomShopId: text(data.iomShopId),
    iomShopName: text(data.iomShopName),
    iomBaseUrl: orNull(data.iomBaseUrl),
    description: orNull(data.description),
    // Left out, a new channel lands in the default organization.
    organizationId: text(data.organizationId) || undefined,
  };
}

const getOne = async (id: Identifier) =>
  withoutBigints(await trpcClient.channels.get.query({ id: String(id) }));

export const channelsApi: ResourceApi = {
  getList: async (p) => {
    const params = listParams(p);
    const field = p.sort?.field as ChannelSort;
    const { data, total } = await trpcClient.channels.list.query({
      ...params,
      sort: SORTABLE.includes(field) ? field : 'name',
      filter: params.filter,
    });
    return { data: data.map(withoutBigints), total };
  },
  getOne,
  getMany: async (ids) =>
    (await trpcClient.channels.getMany.query({ ids: ids.map(String) })).map(withoutBigints),
  create: async (data) => {
    const id = text(data.id);
    await trpcClient.channels.create.mutate({ id, ...channelInput(data) });
    // The create answer is the bare row; the page that follows needs coverage and warnings too.
    return getOne(id);
  },
  update: async (id, data, previous: Row) => {
    const next = channelInput(data);
    const before = channelInput(previous);
    const changed = Object.fromEntries(
      EDITABLE.filter((k) => next[k] !== before[k]).map((k) => [k, next[k]]),
    ) as Partial<ChannelUpdateInput>;
    await trpcClient.channels.update.mutate({
      ...changed,
      id: String(id),
      version: Number(previous.version),
    });
    // A channel that moved changes both organizations' channel counts.
    if ('organizationId' in changed) void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    return getOne(id);
  },
};
