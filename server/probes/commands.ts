import { probeRuns } from '../../drizzle/schema/index.ts';
import type { ProbeOutcome, ProbeResult } from '../../shared/probe.ts';
import {
  probeAllSchema,
  probeFormSchema,
  probeSavedSchema,
  type ProbeAllInput,
} from '../../shared/schemas/probes.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getChannelRow } from '../channels/queries.ts';
import { assertChannelInScope, channelScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { storableCopy } from '../db/storableText.ts';
import { DomainError, invalid } from '../errors.ts';
import { runProbe } from '../probe/ladder.ts';
import type { ProbeEnvironment } from '../probe/types.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { getServiceRow } from '../services/queries.ts';
import { activeConfigsOf, belongsTo, targetOf, type ChannelConfigPair } from './targets.ts';

export interface ProbeServices {
  db: Db;
  secrets: SecretBox;
  probeEnv: ProbeEnvironment;
}

async function store(
  db: Db,
  pair: ChannelConfigPair,
  result: ProbeResult,
  runBy: string,
  trigger: 'manual' | 'test-all',
) {
  // What IOM or the network answered is kept as it came, but for characters PostgreSQL cannot store.
  const { message, steps } = storableCopy({ message: result.message, steps: result.steps });
  const [row] = await db
    .insert(probeRuns)
    .values({
      configId: pair.config.id,
      channelId: pair.channel.id,
      outcome: result.outcome,
      message,
      steps,
      totalMs: result.totalMs,
      configVersion: pair.config.version,
      runBy,
      trigger,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Tests a saved configuration for a channel and keeps the result in its history. */
export async function testSaved(services: ProbeServices, user: SessionUser, raw: unknown) {
  const input = probeSavedSchema.parse(raw);
  const config = await getServiceRow(services.db, input.configId);
  const channelId = input.channelId ?? config.channelId;
  if (!channelId) {
    throw invalid(
      'channelId',
      'An organization configuration is tested for one of its channels: choose the channel (its shop is probed).',
    );
  }
  assertChannelInScope(user, channelId);
  if (config.deletedAt)
    throw new DomainError('BAD_REQUEST', 'This configuration is deleted; restore it before testing.');
  const channel = await getChannelRow(services.db, channelId);
  if (!belongsTo(config, channel))
    throw invalid('channelId', `This configuration is not one that channel ${channelId} can use.`);
  const pair = { channel, config };
  const result = await runProbe(
    targetOf(channel, config, services.secrets, input.probeProductId),
    services.probeEnv,
  );
  return store(services.db, pair, result, user.email, 'manual');
}

/** Tests the form's values as they are; nothing of the form is stored, and neither is the result. */
export async function testForm(
  services: ProbeServices,
  user: SessionUser,
  raw: unknown,
): Promise<ProbeResult> {
  const input = probeFormSchema.parse(raw);
  assertChannelInScope(user, input.channelId);
  const channel = await getChannelRow(services.db, input.channelId);
  let password = input.password ?? null;
  if (input.password === undefined && input.configId) {
    const stored = await getServiceRow(services.db, input.configId);
    if (!belongsTo(stored, channel)) {
      throw invalid('configId', `This configuration is not one that channel ${input.channelId} can use.`);
    }
    password = targetOf(channel, stored, services.secrets).password;
  }
  return runProbe(
    {
      type: input.type,
      endpoint: input.endpoint,
      username: input.username,
      password,
      timeoutMs: input.timeoutMs,
      trustedCertificateSha256: input.trustedCertificateSha256 ?? null,
      shopId: channel.iomShopId,
      shopName: channel.iomShopName,
      ...(input.probeProductId ? { probeProductId: input.probeProductId } : {}),
    },
    services.probeEnv,
  );
}

export type TestAllEvent =
  | { kind: 'start'; total: number; concurrency: number }
  | {
      kind: 'result';
      done: number;
      total: number;
      runId: string;
      channelId: string;
      configId: string;
      type: string;
      outcome: ProbeOutcome;
      message: string;
      totalMs: number;
    }
  | {
      kind: 'end';
      done: number;
      total: number;
      byOutcome: Partial<Record<ProbeOutcome, number>>;
      totalMs: number;
    };

/**
 * Tests every active configuration of one channel or of every channel the user may see, at most
 * `concurrency` at a time, yielding each result as it lands. A hanging host holds only its own slot, for at
 * most its configuration's timeout. Stops early when `signal` aborts.
 */
export async function* testAll(
  services: ProbeServices,
  user: SessionUser,
  raw: ProbeAllInput,
  signal?: AbortSignal,
): AsyncGenerator<TestAllEvent> {
  const input = probeAllSchema.parse(raw);
  if (input.channelId) assertChannelInScope(user, input.channelId);
  const scope = channelScope(user);
  const pairs = await activeConfigsOf(services.db, input.channelId ? [input.channelId] : scope);
  const started = performance.now();
  yield { kind: 'start', total: pairs.length, concurrency: input.concurrency };

  const byOutcome: Partial<Record<ProbeOutcome, number>> = {};
  const ready: TestAllEvent[] = [];
  let wake: (() => void) | null = null;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < pairs.length && !signal?.aborted) {
      const pair = pairs[next++] as ChannelConfigPair;
      const result = await runProbe(targetOf(pair.channel, pair.config, services.secrets), services.probeEnv);
      const run = await store(services.db, pair, result, user.email, 'test-all');
      done += 1;
      byOutcome[result.outcome] = (byOutcome[result.outcome] ?? 0) + 1;
      ready.push({
        kind: 'result',
        done,
        total: pairs.length,
        runId: run.id,
        channelId: pair.channel.id,
        configId: pair.config.id,
        type: pair.config.type,
        outcome: result.outcome,
        message: result.message,
        totalMs: result.totalMs,
      });
      wake?.();
    }
  };
  let finished = false;
  const all = Promise.all(Array.from({ length: Math.min(input.concurrency, pairs.length) }, worker)).finally(
    () => {
      finished = true;
      wake?.();
    },
  );
  while (!finished || ready.length > 0) {
    const event = ready.shift();
    if (event) yield event;
    else await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
  await all;
  yield {
    kind: 'end',
    done,
    total: pairs.length,
    byOutcome,
    totalMs: Math.round(performance.now() - started),
  };
}
