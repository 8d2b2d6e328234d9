import type { DataProvider, Identifier } from 'react-admin';
import type { UserUpdateInput } from '../../../shared/schemas/users.ts';
import { mapErrors } from './errors.ts';
import { listParams, pick, withIsoDates, type ResourceApi, type Row } from './resourceApi.ts';
import { channelsApi } from './resources/channels.ts';
import { exportsApi, listExports } from './resources/exports.ts';
import { organizationsApi } from './resources/organizations.ts';
import { servicesApi } from './resources/services.ts';
import { tokensApi } from './resources/tokens.ts';
import { trpcClient } from './trpc.ts';

const resources: Record<string, ResourceApi> = {
  users: {
    getList: (p) => trpcClient.users.list.query({ ...listParams(p), sort: p.sort?.field as 'email' }),
    getOne: (id) => trpcClient.users.get.query({ id: String(id) }),
    getMany: (ids) => trpcClient.users.getMany.query({ ids: ids.map(String) }),
    create: (data) => trpcClient.users.create.mutate(data as never),
    update: (id, data, previous) =>
      trpcClient.users.update.mutate({
        ...pick<UserUpdateInput>(data, ['email', 'name', 'role', 'channels', 'disabled', 'password']),
        id: String(id),
        version: Number(previous.version),
      }),
  },
  audit: {
    getList: (p) => {
      const params = listParams(p);
      return trpcClient.audit.list.query({
        ...params,
        filter: withIsoDates(params.filter, ['from', 'to']),
        sort: p.sort?.field as 'at',
      });
    },
    getOne: (id) => trpcClient.audit.get.query({ id: Number(id) }),
    getMany: async (ids) => Promise.all(ids.map((id) => trpcClient.audit.get.query({ id: Number(id) }))),
  },
  channels: channelsApi,
  exports: exportsApi,
  organizations: organizationsApi,
  services: servicesApi,
  tokens: tokensApi,
};

function api(resource: string): ResourceApi {
  const found = resources[resource];
  if (!found) throw new Error(`Unknown resource "${resource}"`);
  return found;
}

function unsupported(resource: string, action: string): never {
  throw new Error(`${resource} cannot be ${action} here.`);
}

/** Lists paged by keyset: react-admin's partial pagination (next/previous, no page numbers). */
const keysetLists: Record<string, typeof listExports> = { exports: listExports };

export const dataProvider: DataProvider = {
  getList: (resource, params) =>
    mapErrors<unknown>(() => {
      const keyset = keysetLists[resource];
      return keyset ? keyset(params) : api(resource).getList(params);
    }) as never,
  getOne: (resource, params) =>
    mapErrors(async () => ({ data: await api(resource).getOne(params.id) })) as never,
  getMany: (resource, params) =>
    mapErrors(async () => ({ data: await api(resource).getMany(params.ids) })) as never,
  getManyReference: (resource, params) =>
    mapErrors(() =>
      api(resource).getList({
        ...params,
        filter: { ...(params.filter as Record<string, unknown>), [params.target]: params.id },
      }),
    ) as never,
  create: (resource, params) =>
    mapErrors(async () => {
      const create = api(resource).create ?? unsupported(resource, 'created');
      return { data: await create(params.data as Record<string, unknown>) };
    }) as never,
  update: (resource, params) =>
    mapErrors(async () => {
      const update = api(resource).update ?? unsupported(resource, 'edited');
      const id = params.id as Identifier;
      return { data: await update(id, params.data as Record<string, unknown>, params.previousData as Row) };
    }) as never,
  updateMany: (resource) => unsupported(resource, 'edited in bulk'),
  delete: (resource, params) =>
    mapErrors(async () => {
      const remove = api(resource).delete ?? unsupported(resource, 'deleted');
      return { data: await remove(params.id, params.previousData) };
    }) as never,
  deleteMany: (resource) => unsupported(resource, 'deleted'),
};
