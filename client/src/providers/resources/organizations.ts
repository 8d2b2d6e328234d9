import type { OrganizationUpdateInput } from '../../../../shared/schemas/organizations.ts';
import { listParams, type ResourceApi } from '../resourceApi.ts';
import { trpcClient } from '../trpc.ts';

const SORTABLE = ['id', 'name', 'updatedAt'] as const;
type OrganizationSort = (typeof SORTABLE)[number];

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Organizations: admins write, everyone reads; an organization that still holds channels cannot be deleted. */
export const organizationsApi: ResourceApi = {
  getList: (p) => {
    const params = listParams(p);
    const field = p.sort?.field as OrganizationSort;
    return trpcClient.organizations.list.query({
      ...params,
      sort: SORTABLE.includes(field) ? field : 'name',
      filter: { q: typeof params.filter.q === 'string' ? params.filter.q : undefined },
    });
  },
  getOne: (id) => trpcClient.organizations.get.query({ id: String(id) }),
  getMany: (ids) => trpcClient.organizations.getMany.query({ ids: ids.map(String) }),
  create: (data) =>
    trpcClient.organizations.create.mutate({
      id: text(data.id),
      name: text(data.name),
      description: text(data.description) || null,
    }),
  update: (id, data, previous) => {
    const changed: Partial<OrganizationUpdateInput> = {};
    if (text(data.name) !== text(previous.name)) changed.name = text(data.name);
    if (text(data.description) !== text(previous.description))
      changed.description = text(data.description) || null;
    return trpcClient.organizations.update.mutate({
      ...changed,
      id: String(id),
      version: Number(previous.version),
    });
  },
  delete: async (id, previous) => {
    await trpcClient.organizations.delete.mutate({ id: String(id) });
    return previous ?? { id };
  },
};
