import { pageInMemory, type ResourceApi } from '../resourceApi.ts';
import { trpcClient } from '../trpc.ts';

/** API tokens: the list is small and answered whole; deleting a token revokes it (it stays listed). */
export const tokensApi: ResourceApi = {
  getList: async (p) =>
    pageInMemory(await trpcClient.tokens.list.query(), p, { searchIn: ['name', 'prefix'] }),
  getOne: (id) => trpcClient.tokens.get.query({ id: String(id) }),
  getMany: (ids) => Promise.all(ids.map((id) => trpcClient.tokens.get.query({ id: String(id) }))),
  create: async (data) => {
    const { token, record } = await trpcClient.tokens.create.mutate({
      name: typeof data.name === 'string' ? data.name : '',
      channels: Array.isArray(data.channels) ? data.channels.map(String) : [],
    });
    // The secret is shown once by the create page and never fetched again.
    return { ...record, token };
  },
  delete: (id) => trpcClient.tokens.revoke.mutate({ id: String(id) }),
};
