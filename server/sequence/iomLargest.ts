import { isIP } from 'node:net';
import { iomLargestSchema } from '../../shared/schemas/sequence.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/client.ts';
import { forbidden } from '../errors.ts';
import { checkAddress, checkScheme } from '../outbound/policy.ts';
import type { PinnedTarget } from '../outbound/connector.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import { custodyVerdict } from '../secrets/custody.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { targetOf } from '../probes/targets.ts';
import { fetchOrderNumbers, IomAskFailure, type IomQuery } from './iomQuery.ts';
import { sortEvidence, summariseNumbers, type SortEvidence } from './iomNumbers.ts';
import { iomSourceOf } from './iomSource.ts';

export type IomLargestOutcome =
  | 'ok'
  | 'empty'
  | 'non_numeric'
  | 'blocked'
  | 'unreachable'
  | 'timeout'
  | 'tls_error'
  | 'auth_failed'
  | 'not_found'
  | 'server_error';

export interface IomLargest {
  outcome: IomLargestOutcome;
  message: string;
  /** The numeric maximum of the digit-only numbers seen; null unless the outcome is ok. */
  largest: string | null;
  channelId: string;
  shopId: string;
  config: { id: string; type: string; endpoint: string; timeoutMs: number };
  queries: IomQuery[];
  numbers: string[];
  skipped: string[];
  /** How IOM sorted by shopOrderNumber: text sorting is why the creation-date query is asked too. */
  sortedAs: SortEvidence;
  totalCount: number | null;
  fetchedAt: string;
}

const BOTH_ORDERS = ['shopOrderNumber', 'shopOrderCreationDate'] as const;

/**
 * Asks the channel's IOM (through the configuration the channel actually uses) for its highest shop order
 * numbers, sorted by number and by creation date, both descending, and takes the numeric maximum of the
 * digit-only ones. The outbound policy applies: the host is resolved once, vetted, and every request connects
 * to that address, all within the configuration's timeout. Any failure gives no number, only the reason.
 */
export async function fetchIomLargest(
  services: { db: Db; secrets: SecretBox; probeEnv: ProbeEnvironment; user: SessionUser },
  raw: unknown,
): Promise<IomLargest> {
  const input = iomLargestSchema.parse(raw);
  const { channel, config } = await iomSourceOf(services.db, input.channelId);
  const custody = custodyVerdict(services.user, config, { kind: 'stored-endpoint', channel });
  if (!custody.release) throw forbidden(custody.reason);
  const target = targetOf(channel, config, services.secrets);
  const started = Date.now();
  const queries: IomQuery[] = [];
  const base = {
    channelId: channel.id,
    shopId: channel.iomShopId.toString(),
    config: { id: config.id, type: config.type, endpoint: config.endpoint, timeoutMs: config.timeoutMs },
    queries,
    fetchedAt: new Date(started).toISOString(),
  };
  const failed = (outcome: IomLargestOutcome, message: string): IomLargest => ({
    ...base,
    outcome,
    message,
    largest: null,
    numbers: [],
    skipped: [],
    sortedAs: 'unclear',
    totalCount: null,
  });

  let pinned: PinnedTarget;
  try {
    pinned = {
      ...(await vet(target.endpoint, services.probeEnv, target.trustedCertificateSha256)),
      clientCertificate: target.clientCertificate ?? null,
    };
  } catch (error) {
    if (error instanceof IomAskFailure) return failed(error.outcome, error.message);
    throw error;
  }
  const lists: string[][] = [];
  let totalCount: number | null = null;
  try {
    for (const orderBy of BOTH_ORDERS) {
      const listed = await fetchOrderNumbers(target, pinned, orderBy, input.limit, started, queries);
      lists.push(listed.numbers);
      totalCount = listed.totalCount ?? totalCount;
    }
  } catch (error) {
    if (error instanceof IomAskFailure) return failed(error.outcome, error.message);
    throw error;
  }

  const seen = summariseNumbers(lists);
  const sortedAs = sortEvidence(lists[0] ?? []);
  const shop = `shop ${base.shopId}`;
  const result = { ...base, ...seen, sortedAs, totalCount };
  if (seen.numbers.length === 0 && seen.skipped.length === 0)
    return {
      ...result,
      outcome: 'empty',
      message: `IOM has no orders for ${shop}: there is no IOM number to take into account.`,
    };
  if (!seen.largest)
    return {
      ...result,
      outcome: 'non_numeric',
      message: `IOM's orders for ${shop} carry no digit-only numbers (e.g. ${seen.skipped.slice(0, 3).join(', ')}), so none of them can collide with ICM's numeric sequence. Check IOM's back office and type a number in if you know of one.`,
    };
  const textNote =
    sortedAs === 'text'
      ? ' IOM sorted the numbers as text (99 before 100); the numeric maximum was taken.'
      : '';
  return {
    ...result,
    outcome: 'ok',
    message: `The largest digit-only order number IOM lists for ${shop} is ${seen.largest} (${seen.numbers.length} numbers seen, ${seen.skipped.length} not digit-only skipped).${textNote} Confirm it before it counts.`,
  };
}

/** Step 1 and 2 of the connectivity ladder: scheme, one DNS answer, the outbound policy on that address. */
async function vet(endpoint: string, env: ProbeEnvironment, pin: string | null): Promise<PinnedTarget> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new IomAskFailure(
      'blocked',
      `The endpoint "${endpoint}" is not a URL; fix the service configuration.`,
    );
  }
  const scheme = checkScheme(url);
  if (!scheme.allowed) throw new IomAskFailure('blocked', scheme.reason);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let address = hostname;
  if (!isIP(hostname)) {
    const answers = await env.resolve(hostname).catch((error: { code?: string }) => {
      throw new IomAskFailure(
        'unreachable',
        `The host name ${hostname} does not resolve (${error.code ?? 'DNS error'}): check the endpoint.`,
      );
    });
    const first = answers[0];
    if (!first) throw new IomAskFailure('unreachable', `The host name ${hostname} resolves to no address.`);
    address = first.address;
  }
  const verdict = checkAddress(env.policy, hostname, address);
  if (!verdict.allowed) throw new IomAskFailure('blocked', verdict.reason);
  return { address, hostname, trustedCertificateSha256: pin };
}
