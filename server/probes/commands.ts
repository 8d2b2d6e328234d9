import { probeRuns } from '../../drizzle/schema/index.ts';
import type { ProbeResult } from '../../shared/probe.ts';
import { probeFormSchema, probeSavedSchema } from '../../shared/schemas/probes.ts';
import { recordAudit } from '../audit/record.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { getChannelRow, type ChannelRow } from '../channels/queries.ts';
import { assertChannelInScope } from '../channels/scope.ts';
import type { Db } from '../db/client.ts';
import { storableCopy } from '../db/storableText.ts';
import { DomainError, forbidden, invalid } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { runProbe } from '../probe/ladder.ts';
import type { ProbeEnvironment, ProbeTarget } from '../probe/types.ts';
import {
  certificateWithheld,
  inspectClientCertificate,
  openClientCertificate,
} from '../secrets/clientCertificate.ts';
import { custodyVerdict } from '../secrets/custody.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { getServiceRow, type ServiceRow } from '../services/queries.ts';
import { belongsTo, targetOf, type ChannelConfigPair } from './targets.ts';

export interface ProbeServices {
  db: Db;
  secrets: SecretBox;
  probeEnv: ProbeEnvironment;
  logger: Logger;
  /** The caller's address, for the audit entry of a withheld password. */
  ip?: string;
}

/** Keeps one test of a saved configuration in the channel's history (and in its test-all batch, if any). */
export async function storeRun(
  db: Db,
  pair: ChannelConfigPair,
  result: ProbeResult,
  runBy: string,
  batchId: string | null = null,
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
      trigger: batchId ? 'test-all' : 'manual',
      batchId,
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
  const verdict = custodyVerdict(user, config, { kind: 'stored-endpoint', channel });
  if (!verdict.release) throw forbidden(verdict.reason);
  const pair = { channel, config };
  const result = await runProbe(
    targetOf(channel, config, services.secrets, input.probeProductId),
    services.probeEnv,
  );
  return storeRun(services.db, pair, result, user.email);
}

/** A refused use of a stored password is worth knowing about: someone pointed a form at another host. */
async function auditWithheld(
  services: ProbeServices,
  user: SessionUser,
  stored: ServiceRow,
  channelId: string,
  endpoint: string,
  reason: string,
  action = 'service.password_withheld',
) {
  await recordAudit(
    services.db,
    { id: user.id, email: user.email, ip: services.ip ?? null },
    {
      action,
      targetType: 'service',
      targetId: stored.id,
      targetLabel: `${stored.channelId ?? `organization ${stored.organizationId}`} / ${stored.type}`,
      channelId,
      changes: [
        { field: 'endpoint', from: null, to: endpoint },
        { field: 'reason', from: null, to: reason },
      ],
    },
  );
}

/**
 * Tests the form's values as they are; nothing of the form is stored, and neither is the result. Left out,
 * the password is the stored one of `configId` — but only where the custody rule lets it go (see
 * secrets/custody.ts); otherwise the test runs without it and the result's notice says what to do.
 */
export async function testForm(
  services: ProbeServices,
  user: SessionUser,
  raw: unknown,
): Promise<ProbeResult> {
  const input = probeFormSchema.parse(raw);
  assertChannelInScope(user, input.channelId);
  const channel = await getChannelRow(services.db, input.channelId);
  let password = input.password ?? null;
  let notice: string | null = null;
  if (input.password === undefined && input.configId) {
    const stored = await getServiceRow(services.db, input.configId);
    if (!belongsTo(stored, channel)) {
      throw invalid('configId', `This configuration is not one that channel ${input.channelId} can use.`);
    }
    if (stored.passwordEncrypted !== null) {
      const verdict = custodyVerdict(user, stored, { kind: 'typed-endpoint', endpoint: input.endpoint });
      if (verdict.release) password = targetOf(channel, stored, services.secrets).password;
      else {
        notice = verdict.reason;
        await auditWithheld(services, user, stored, channel.id, input.endpoint, verdict.reason);
      }
    }
  }
  const certificate = await formCertificate(services, user, channel, input);
  if (certificate.notice) notice = notice ? `${notice} ${certificate.notice}` : certificate.notice;
  const result = await runProbe(
    {
      type: input.type,
      endpoint: input.endpoint,
      username: input.username,
      password,
      timeoutMs: input.timeoutMs,
      trustedCertificateSha256: input.trustedCertificateSha256 ?? null,
      ...certificate.target,
      shopId: channel.iomShopId,
      shopName: channel.iomShopName,
      ...(input.probeProductId ? { probeProductId: input.probeProductId } : {}),
    },
    services.probeEnv,
  );
  return notice ? { ...result, notice } : result;
}

/**
 * The client certificate of a form's test: the one typed in (checked first, like at save), none, or — left
 * out — the stored one, under the same custody rule as the password.
 */
async function formCertificate(
  services: ProbeServices,
  user: SessionUser,
  channel: ChannelRow,
  input: ReturnType<typeof probeFormSchema.parse>,
): Promise<{ target: Partial<ProbeTarget>; notice: string | null }> {
  if (input.clientCertificate) {
    const { material, facts } = inspectClientCertificate(input.clientCertificate);
    return {
      target: {
        clientCertificate: material,
        clientCertificateSubject: facts.subject,
        clientCertificateExpiresAt: facts.expiresAt,
      },
      notice: null,
    };
  }
  if (input.clientCertificate === null || !input.configId) return { target: {}, notice: null };
  const stored = await getServiceRow(services.db, input.configId);
  if (!belongsTo(stored, channel) || stored.clientCertificateEncrypted === null)
    return { target: {}, notice: null };
  const verdict = custodyVerdict(user, stored, { kind: 'typed-endpoint', endpoint: input.endpoint });
  if (!verdict.release) {
    const notice = certificateWithheld(verdict.reason);
    await auditWithheld(
      services,
      user,
      stored,
      channel.id,
      input.endpoint,
      notice,
      'service.client_certificate_withheld',
    );
    return { target: {}, notice };
  }
  return {
    target: {
      clientCertificate: openClientCertificate(services.secrets, stored),
      clientCertificateSubject: stored.clientCertificateSubject,
      clientCertificateExpiresAt: stored.clientCertificateExpiresAt,
    },
    notice: null,
  };
}
