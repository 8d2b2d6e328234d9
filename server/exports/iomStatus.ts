import { eq } from 'drizzle-orm';
import { channels, orderExports } from '../../drizzle/schema/index.ts';
import { CATALOGUE } from '../../shared/catalogue/index.ts';
import { STATE_LABEL } from '../../shared/exports.ts';
import { icmNameOfIomState } from '../../shared/iomOrderStates.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { inScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { basicAuth } from '../probe/application.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import { custodyVerdict } from '../secrets/custody.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import type { ServiceRow } from '../services/queries.ts';
import type { ClientCertificate } from '../outbound/clientCertificate.ts';
import { openClientCertificate } from '../secrets/clientCertificate.ts';
import { secretContext } from '../services/commands.ts';
import { effectiveForChannels } from '../sharing/effective.ts';
import { ORDER_MEDIA_TYPE } from './attempt.ts';
import { IomStateCache } from './iomStatusCache.ts';
import { judgeStateAnswer, judgeStateFailure, stateRequestUrl, type StateLookup } from './iomStatusAnswer.ts';
import { IomHttpClient, type IomTarget } from './transport.ts';

export type IomStatus =
  | {
      available: true;
      /** IOM's state without the `STATE_` prefix (an unknown one as IOM sent it, less the prefix). */
      iomState: string;
      /** ICM's name from Intershop's Order History mapping; null for a state the mapping does not list. */
      icmName: string | null;
      /** Whether Intershop's mapping lists the state; when not, it is shown by IOM's name, marked as such. */
      inMapping: boolean;
      /** Whether IOM's order status model has the state. */
      known: boolean;
      fetchedAt: Date;
      cached: boolean;
      cacheTtlSeconds: number;
    }
  | { available: false; reason: string };

export interface IomStatusDeps {
  db: Db;
  user: SessionUser;
  secrets: SecretBox;
  probeEnv: ProbeEnvironment;
  clock?: () => Date;
}

/** Per process: what was read (bounded, per configuration version), and one IOM client per outbound policy. */
export const iomStateCache = new IomStateCache(10_000);
const clients = new Map<ProbeEnvironment, IomHttpClient>();
const inFlight = new Map<string, Promise<StateLookup>>();

function clientFor(probeEnv: ProbeEnvironment): IomHttpClient {
  let client = clients.get(probeEnv);
  if (!client) clients.set(probeEnv, (client = new IomHttpClient(probeEnv, { connections: 4 })));
  return client;
}

/** Closes the keep-alive connections of the status clients (tests, shutdown). */
export async function closeIomStatusClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map((c) => c.close()));
}

/** The channel's effective, active order-history configuration (own or inherited), or null. */
export async function orderHistoryConfigOf(db: Db, channelId: string): Promise<ServiceRow | null> {
  const entry = (await effectiveForChannels(db, [channelId]))
    .get(channelId)
    ?.entries.find((e) => e.type === 'order-history');
  return entry?.effective.active && entry.inUse ? entry.inUse : null;
}

/** The configuration's cache TTL (its default when unset); settings that do not validate cache nothing. */
function cacheTtlOf(config: ServiceRow): number {
  const ttl = CATALOGUE['order-history'].settings.safeParse(config.settings).data?.cacheTtlSeconds;
  return typeof ttl === 'number' && ttl > 0 ? ttl : 0;
}

const unavailable = (reason: string): IomStatus => ({ available: false, reason });

async function askIom(
  probeEnv: ProbeEnvironment,
  target: IomTarget,
  query: { endpoint: string; shopId: bigint; shopOrderNumber: string },
): Promise<StateLookup> {
  const { url, via } = stateRequestUrl(query);
  try {
    const answer = await clientFor(probeEnv).exchange(target, {
      method: 'GET',
      url,
      headers: {
        authorization: basicAuth(target.username, target.password),
        accept: `${ORDER_MEDIA_TYPE}, application/json`,
      },
    });
    return judgeStateAnswer(
      {
        status: answer.status,
        contentType: answer.headers['content-type'] ?? '',
        body: answer.body.toString('utf8'),
        location: answer.headers.location ?? null,
      },
      query,
      via,
    );
  } catch (error) {
    return judgeStateFailure(error, target.timeoutMs);
  }
}

/**
 * The live IOM state of an exported order, read through the channel's active order-history configuration and
 * kept for its cache TTL. Never throws for IOM's sake: an unreachable or confused IOM is an answer with a
 * reason. Throws NOT_FOUND for an export the user may not see.
 */
export async function iomStatusOf(deps: IomStatusDeps, exportId: string): Promise<IomStatus> {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const [view] = await db
    .select({
      channelId: orderExports.channelId,
      shopOrderNumber: orderExports.shopOrderNumber,
      state: orderExports.state,
    })
    .from(orderExports)
    .where(eq(orderExports.id, exportId));
  if (!view || !inScope(deps.user, view.channelId))
    throw notFound('This order export does not exist, or it belongs to a channel you do not manage.');
  if (view.state === 'resolved')
    return unavailable(
      'Not exported by Switchboard: the export was marked resolved, so IOM may not have the order from Switchboard.',
    );
  if (view.state !== 'exported')
    return unavailable(
      `Not exported yet: the export is ${STATE_LABEL[view.state].toLowerCase()}, so IOM has no state for it.`,
    );
  const [channel] = await db
    .select({ iomShopId: channels.iomShopId, organizationId: channels.organizationId })
    .from(channels)
    .where(eq(channels.id, view.channelId));
  const config = channel ? await orderHistoryConfigOf(db, view.channelId) : null;
  if (!channel || !config)
    return unavailable(
      `No active Order History service for channel ${view.channelId}: Switchboard reads IOM's order state through it. An admin can configure and activate one.`,
    );
  const custody = custodyVerdict(deps.user, config, {
    kind: 'stored-endpoint',
    channel: { id: view.channelId, organizationId: channel.organizationId },
  });
  if (!custody.release) return unavailable(custody.reason);
  const cacheTtlSeconds = cacheTtlOf(config);
  const query = {
    endpoint: config.endpoint,
    shopId: channel.iomShopId,
    shopOrderNumber: view.shopOrderNumber,
  };
  const key = IomStateCache.key({
    configId: config.id,
    configVersion: config.version,
    shopId: channel.iomShopId,
    shopOrderNumber: view.shopOrderNumber,
  });
  const named = (iomState: string, fetchedAt: Date, cached: boolean): IomStatus => {
    const state = icmNameOfIomState(iomState);
    return {
      available: true,
      iomState: state.iomState,
      icmName: state.icmName,
      inMapping: state.inMapping,
      known: state.known,
      fetchedAt,
      cached,
      cacheTtlSeconds,
    };
  };
  const hit = iomStateCache.get(key, clock().getTime());
  if (hit) return named(hit.iomState, hit.fetchedAt, true);

  let password: string | null;
  try {
    password = config.passwordEncrypted
      ? deps.secrets.decrypt(config.passwordEncrypted, secretContext(config.id))
      : null;
  } catch {
    return unavailable(
      'The stored password of the Order History service cannot be decrypted: an admin must enter it again.',
    );
  }
  let clientCertificate: ClientCertificate | null;
  try {
    clientCertificate = openClientCertificate(deps.secrets, config);
  } catch {
    return unavailable(
      'The stored client certificate of the Order History service cannot be decrypted: an admin must choose it again.',
    );
  }
  const target: IomTarget = {
    configId: config.id,
    version: config.version,
    endpoint: config.endpoint,
    username: config.username,
    password,
    timeoutMs: config.timeoutMs,
    trustedCertificateSha256: config.trustedCertificateSha256,
    clientCertificate,
  };
  // Two people opening the same export at once share one request to IOM.
  let pending = inFlight.get(key);
  if (!pending) {
    pending = askIom(deps.probeEnv, target, query).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const lookup = await pending;
  if (!lookup.ok) return unavailable(lookup.reason);
  const fetchedAt = clock();
  iomStateCache.set(key, lookup.iomState, fetchedAt, cacheTtlSeconds);
  return named(lookup.iomState, fetchedAt, false);
}
