import type { ServiceCreateInput, ServiceUpdateInput } from '../../../../shared/schemas/services.ts';
import { pageInMemory, pick, type ResourceApi } from '../resourceApi.ts';
import { trpcClient } from '../trpc.ts';

const COMMON = [
  'name',
  'active',
  'endpoint',
  'username',
  'timeoutMs',
  'trustedCertificateSha256',
  'settings',
  'sharingRule',
] as const;

/** Empty optional texts become null; the write-only password is sent only when the form set it. */
function common(data: Record<string, unknown>) {
  const values = pick<ServiceUpdateInput>(data, [...COMMON]);
  if (values.name === '') values.name = null;
  if (values.trustedCertificateSha256 === '') values.trustedCertificateSha256 = null;
  if (values.username === null) values.username = '';
  if (!values.sharingRule) delete values.sharingRule;
  return values;
}

const getOne = (id: string) => trpcClient.services.get.query({ id });
const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** A configuration belongs to a channel, or (with a sharing rule) to an organization. */
export const servicesApi: ResourceApi = {
  getList: async (p) => {
    const filter = (p.filter ?? {}) as Record<string, unknown>;
    const rows = await trpcClient.services.list.query({
      channelId: text(filter.channelId),
      organizationId: text(filter.organizationId),
      includeDeleted: filter.includeDeleted === true,
      type: text(filter.type) as ServiceCreateInput['type'] | undefined,
    });
    return pageInMemory(rows, p, {
      serverFilters: ['channelId', 'organizationId', 'includeDeleted', 'type'],
    });
  },
  getOne: (id) => getOne(String(id)),
  getMany: (ids) => trpcClient.services.getMany.query({ ids: ids.map(String) }),
  create: async (data) => {
    const values = common(data);
    const organizationId = text(data.organizationId);
    const { service, warnings } = await trpcClient.services.create.mutate({
      ...values,
      ...(organizationId
        ? { organizationId, sharingRule: values.sharingRule ?? 'unshared' }
        : { channelId: String(data.channelId), sharingRule: undefined }),
      type: data.type as ServiceCreateInput['type'],
      endpoint: values.endpoint || undefined,
      username: values.username ?? '',
      active: values.active ?? false,
      ...(typeof data.password === 'string' && data.password ? { password: data.password } : {}),
      ...(data.clientCertificate ? { clientCertificate: data.clientCertificate } : {}),
    });
    return { ...service, warnings };
  },
  update: async (id, data, previous) => {
    const { service, warnings } = await trpcClient.services.update.mutate({
      ...common(data),
      // Left out keeps the stored password, null clears it, a string replaces it.
      ...('password' in data && data.password !== undefined
        ? { password: data.password as string | null }
        : {}),
      // The same for the client certificate.
      ...('clientCertificate' in data && data.clientCertificate !== undefined
        ? { clientCertificate: data.clientCertificate }
        : {}),
      // Sent once the admin confirmed that the named channels lose the configuration.
      ...(data.confirmLoss === true ? { confirmLoss: true } : {}),
      id: String(id),
      version: Number(previous.version),
    });
    return { ...service, warnings };
  },
  delete: async (id, previous) =>
    trpcClient.services.delete.mutate({
      id: String(id),
      version: Number(previous?.version),
      ...(previous?.confirmLoss === true ? { confirmLoss: true } : {}),
    }),
};
