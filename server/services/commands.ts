import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { serviceConfigs } from '../../drizzle/schema/index.ts';
import { CATALOGUE, defaultEndpoint, type ServiceType } from '../../shared/catalogue/index.ts';
import { upgradeStoredSettings } from '../../shared/catalogue/retired.ts';
import { clientCertificateWarning } from '../../shared/clientCertificate.ts';
import { diffFields } from '../../shared/diff.ts';
import {
  serviceCreateSchema,
  serviceRefSchema,
  serviceUpdateSchema,
  type ClientCertificateInput,
  type ServiceCreateInput,
  type ServiceUpdateInput,
} from '../../shared/schemas/services.ts';
import { recordAudit } from '../audit/record.ts';
import type { ChannelActor } from '../channels/commands.ts';
import type { Db, Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import { sameEndpointOrigin } from '../../shared/endpointOrigin.ts';
import { STORED_PASSWORD_STAYS } from '../secrets/custody.ts';
import {
  CERTIFICATE_STAYS,
  inspectClientCertificate,
  sealClientCertificate,
} from '../secrets/clientCertificate.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { effectiveForChannels } from '../sharing/effective.ts';
import { assertMayWrite, channelsOfOrganization, lockOwner, ownerOf, type Owner } from './ownership.ts';
import { getServiceRow, toView, type ServiceRow, type ServiceView } from './queries.ts';
import { assertActivationRules, assertLossConfirmed, channelsLosing } from './rules.ts';
import { flattenSettings, parseSettings } from './settings.ts';

export interface ServiceWriteResult {
  service: ServiceView;
  /** Allowed, but worth a second look (e.g. Reverse beside RMA). */
  warnings: string[];
}

export interface WriteOptions {
  /** Marks (or unmarks) the configuration as managed by a provisioning file. */
  provisioned?: boolean;
}

export const secretContext = (id: string) => `service-config:${id}`;

const ownerLabel = (owner: Owner) =>
  owner.kind === 'channel' ? `Channel ${owner.channelId}` : `Organization ${owner.organizationId}`;

const typeTaken = (owner: Owner, type: ServiceType) =>
  conflict(
    `${ownerLabel(owner)} already has a ${CATALOGUE[type].label} configuration; edit that one instead.`,
    {
      type: `${ownerLabel(owner)} already has a ${type} configuration.`,
    },
  );

const staleVersion = (row: ServiceRow) =>
  conflict(
    `This configuration was changed by ${row.updatedBy ?? 'someone else'} at ${row.updatedAt.toISOString()} — reload to see their change.`,
  );

/** Every write bumps the version (optimistic concurrency) and says who made it. */
const touched = (actor: ChannelActor) => ({
  version: sql`${serviceConfigs.version} + 1`,
  updatedAt: new Date(),
  updatedBy: actor.email,
});

/** A row as the audit diff sees it: settings one by one, the password and client certificate only as set or not. */
function auditable(row: Partial<ServiceRow>) {
  const { settings, passwordEncrypted, clientCertificateEncrypted, ...rest } = row;
  return {
    ...rest,
    ...(settings ? flattenSettings(settings) : {}),
    ...(passwordEncrypted === undefined ? {} : { password: passwordEncrypted === null ? null : '(set)' }),
    ...(clientCertificateEncrypted === undefined
      ? {}
      : { clientCertificate: clientCertificateEncrypted === null ? null : '(set)' }),
  };
}

/** The secrets the audit log shows only as "(changed)". */
const SECRET_FIELDS = ['password', 'clientCertificate'];

/**
 * The columns a client certificate change writes: checked first (a refusal names the field and stores
 * nothing), then encrypted for the row. Left out, nothing changes; null clears it.
 */
function clientCertificateColumns(
  secrets: SecretBox,
  id: string,
  input: ClientCertificateInput | null | undefined,
) {
  if (input === undefined) return {};
  if (input === null)
    return {
      clientCertificateEncrypted: null,
      clientCertificateSubject: null,
      clientCertificateExpiresAt: null,
    };
  const { material, facts } = inspectClientCertificate(input);
  return {
    clientCertificateEncrypted: sealClientCertificate(secrets, id, material),
    clientCertificateSubject: facts.subject,
    clientCertificateExpiresAt: facts.expiresAt,
  };
}

/** A warning for a client certificate saved within 30 days of its expiry, or after it. */
const certificateWarnings = (columns: { clientCertificateExpiresAt?: Date | null }) => {
  const warning = clientCertificateWarning(columns.clientCertificateExpiresAt ?? null, new Date());
  return warning ? [warning] : [];
};

const targetLabel = (row: { channelId: string | null; organizationId: string | null; type: string }) =>
  `${row.channelId ?? `organization ${row.organizationId}`} / ${row.type}`;

/** The channels whose effective configuration a write to this owner can change. */
async function affectedChannels(tx: Tx | Db, owner: Owner): Promise<string[]> {
  return owner.kind === 'channel' ? [owner.channelId] : channelsOfOrganization(tx, owner.organizationId);
}

async function liveOfType(tx: Tx | Db, owner: Owner, type: ServiceType) {
  const [row] = await tx
    .select({ id: serviceConfigs.id })
    .from(serviceConfigs)
    .where(
      and(
        owner.kind === 'channel'
          ? eq(serviceConfigs.channelId, owner.channelId)
          : eq(serviceConfigs.organizationId, owner.organizationId),
        eq(serviceConfigs.type, type),
        isNull(serviceConfigs.deletedAt),
      ),
    );
  return row;
}

/** A channel cannot hold its own configuration of a type its organization makes mandatory. */
async function assertNotMandatory(tx: Tx | Db, organizationId: string, type: ServiceType) {
  const [mandatory] = await tx
    .select({ id: serviceConfigs.id })
    .from(serviceConfigs)
    .where(
      and(
        eq(serviceConfigs.organizationId, organizationId),
        eq(serviceConfigs.type, type),
        eq(serviceConfigs.sharingRule, 'shared-mandatory'),
        isNull(serviceConfigs.deletedAt),
      ),
    );
  if (mandatory) {
    throw invalid(
      'type',
      `The organization ${organizationId} makes its ${CATALOGUE[type].label} mandatory: a channel can neither deactivate nor replace it.`,
    );
  }
}

export async function createService(
  db: Db,
  secrets: SecretBox,
  actor: ChannelActor,
  raw: ServiceCreateInput,
  options: WriteOptions = {},
): Promise<ServiceWriteResult> {
  const input = serviceCreateSchema.parse(raw);
  const owner: Owner = input.channelId
    ? { kind: 'channel', channelId: input.channelId }
    : { kind: 'organization', organizationId: input.organizationId ?? '' };
  assertMayWrite(actor, owner);
  const settings = parseSettings(input.type, input.settings);
  const id = randomUUID();
  const certificate = clientCertificateColumns(secrets, id, input.clientCertificate);
  try {
    const warnings = await db.transaction(async (tx) => {
      const { organization, channel } = await lockOwner(tx, owner);
      if (await liveOfType(tx, owner, input.type)) throw typeTaken(owner, input.type);
      if (channel) await assertNotMandatory(tx, organization.id, input.type);
      const values = {
        id,
        channelId: channel?.id ?? null,
        organizationId: channel ? null : organization.id,
        sharingRule: channel ? null : (input.sharingRule ?? 'unshared'),
        type: input.type,
        name: input.name ?? null,
        active: input.active,
        endpoint: input.endpoint ?? defaultEndpoint(input.type, channel?.iomBaseUrl),
        username: input.username,
        passwordEncrypted: input.password ? secrets.encrypt(input.password, secretContext(id)) : null,
        timeoutMs: input.timeoutMs,
        trustedCertificateSha256: input.trustedCertificateSha256 ?? null,
        ...certificate,
        settings,
        provisionedAt: options.provisioned ? new Date() : null,
        updatedBy: actor.email,
      };
      await tx.insert(serviceConfigs).values(values);
      const warnings = await assertActivationRules(tx, input.type, await affectedChannels(tx, owner));
      await recordAudit(tx, actor, {
        action: 'service.created',
        targetType: 'service',
        targetId: id,
        targetLabel: targetLabel(values),
        channelId: values.channelId,
        changes: diffFields(
          null,
          {
            ...auditable({ ...values, passwordEncrypted: undefined, clientCertificateEncrypted: undefined }),
            ...(input.password ? { password: '(new)' } : {}),
            ...(input.clientCertificate ? { clientCertificate: '(new)' } : {}),
          },
          SECRET_FIELDS,
        ),
      });
      return [...warnings, ...certificateWarnings(certificate)];
    });
    return { service: toView(await getServiceRow(db, id)), warnings };
  } catch (error) {
    if (isUniqueViolation(error)) throw typeTaken(owner, input.type);
    throw error;
  }
}

export async function updateService(
  db: Db,
  secrets: SecretBox,
  actor: ChannelActor,
  raw: ServiceUpdateInput,
  options: WriteOptions = {},
): Promise<ServiceWriteResult> {
  const input = serviceUpdateSchema.parse(raw);
  const warnings = await db.transaction(async (tx) => {
    const found = await getServiceRow(tx, input.id);
    const owner = ownerOf(found);
    assertMayWrite(actor, owner);
    if (owner.kind === 'channel' && input.sharingRule)
      throw invalid('sharingRule', 'Only an organization shares configurations.');
    await lockOwner(tx, owner);
    const [current] = await tx
      .select()
      .from(serviceConfigs)
      .where(eq(serviceConfigs.id, input.id))
      .for('update');
    if (!current) throw notFound('This service configuration does not exist.');
    if (current.deletedAt)
      throw new DomainError('BAD_REQUEST', 'This configuration is deleted; an admin can restore it first.');
    if (current.version !== input.version) throw staleVersion(current);
    const certificate = clientCertificateColumns(secrets, current.id, input.clientCertificate);
    const next = {
      name: input.name === undefined ? current.name : input.name,
      active: input.active ?? current.active,
      endpoint: input.endpoint ?? current.endpoint,
      username: input.username ?? current.username,
      timeoutMs: input.timeoutMs ?? current.timeoutMs,
      trustedCertificateSha256:
        input.trustedCertificateSha256 === undefined
          ? current.trustedCertificateSha256
          : input.trustedCertificateSha256,
      settings: input.settings
        ? parseSettings(current.type, {
            ...upgradeStoredSettings(current.type, current.settings),
            ...input.settings,
          })
        : current.settings,
      sharingRule: owner.kind === 'organization' ? (input.sharingRule ?? current.sharingRule) : null,
    };
    // A stored password goes only where it was saved (secrets/custody.ts): moving the endpoint takes a new one.
    if (
      actor.user &&
      input.password === undefined &&
      current.passwordEncrypted !== null &&
      !sameEndpointOrigin(next.endpoint, current.endpoint)
    )
      throw invalid('password', STORED_PASSWORD_STAYS);
    // The client certificate follows the same rule.
    if (
      actor.user &&
      input.clientCertificate === undefined &&
      current.clientCertificateEncrypted !== null &&
      !sameEndpointOrigin(next.endpoint, current.endpoint)
    )
      throw invalid('clientCertificate', CERTIFICATE_STAYS);
    const changes = diffFields(
      auditable(current),
      {
        ...auditable(next),
        ...(input.password === undefined ? {} : { password: input.password === null ? null : '(new)' }),
        ...(input.clientCertificate === undefined
          ? {}
          : {
              clientCertificate: input.clientCertificate === null ? null : '(new)',
              clientCertificateSubject: certificate.clientCertificateSubject,
              clientCertificateExpiresAt: certificate.clientCertificateExpiresAt,
            }),
      },
      SECRET_FIELDS,
    );
    const provisionedChanged =
      options.provisioned !== undefined && options.provisioned !== (current.provisionedAt !== null);
    if (changes.length === 0 && !provisionedChanged) return [];
    const channels = await affectedChannels(tx, owner);
    const before = await effectiveForChannels(tx, channels);
    await tx
      .update(serviceConfigs)
      .set({
        ...next,
        ...(input.password === undefined
          ? {}
          : {
              passwordEncrypted:
                input.password === null ? null : secrets.encrypt(input.password, secretContext(current.id)),
            }),
        ...certificate,
        ...(options.provisioned === undefined
          ? {}
          : { provisionedAt: options.provisioned ? (current.provisionedAt ?? new Date()) : null }),
        ...touched(actor),
      })
      .where(eq(serviceConfigs.id, current.id));
    if (owner.kind === 'organization') {
      assertLossConfirmed(
        channelsLosing(current.id, before, await effectiveForChannels(tx, channels)),
        input.confirmLoss,
      );
    }
    const warnings = [
      ...(next.active ? await assertActivationRules(tx, current.type, channels) : []),
      ...certificateWarnings(certificate),
    ];
    if (changes.length) {
      await recordAudit(tx, actor, {
        action:
          current.active === next.active
            ? 'service.updated'
            : next.active
              ? 'service.activated'
              : 'service.deactivated',
        targetType: 'service',
        targetId: current.id,
        targetLabel: targetLabel(current),
        channelId: current.channelId,
        changes,
      });
    }
    return warnings;
  });
  return { service: toView(await getServiceRow(db, input.id)), warnings };
}

/** Soft delete: the configuration leaves its owner (inactive) but keeps its history; an admin can restore it. */
export async function deleteService(db: Db, actor: ChannelActor, raw: unknown): Promise<ServiceView> {
  const input = serviceRefSchema.parse(raw);
  await db.transaction(async (tx) => {
    const current = await getServiceRow(tx, input.id);
    const owner = ownerOf(current);
    assertMayWrite(actor, owner);
    await lockOwner(tx, owner);
    if (current.deletedAt) throw new DomainError('BAD_REQUEST', 'This configuration is deleted already.');
    if (current.version !== input.version) throw staleVersion(current);
    const channels = await affectedChannels(tx, owner);
    const before = await effectiveForChannels(tx, channels);
    await tx
      .update(serviceConfigs)
      .set({
        active: false,
        deletedAt: new Date(),
        deletedBy: actor.email,
        ...touched(actor),
      })
      .where(eq(serviceConfigs.id, current.id));
    if (owner.kind === 'organization') {
      assertLossConfirmed(
        channelsLosing(current.id, before, await effectiveForChannels(tx, channels)),
        input.confirmLoss,
      );
    }
    await recordAudit(tx, actor, {
      action: 'service.deleted',
      targetType: 'service',
      targetId: current.id,
      targetLabel: targetLabel(current),
      channelId: current.channelId,
      changes: current.active ? [{ field: 'active', from: true, to: false }] : [],
    });
  });
  return toView(await getServiceRow(db, input.id));
}

/** Brings a deleted configuration back, inactive, unless its owner has a live one of that type meanwhile. */
export async function restoreService(db: Db, actor: ChannelActor, id: string): Promise<ServiceView> {
  try {
    await db.transaction(async (tx) => {
      const current = await getServiceRow(tx, id);
      if (!current.deletedAt) throw new DomainError('BAD_REQUEST', 'This configuration is not deleted.');
      const owner = ownerOf(current);
      const { organization, channel } = await lockOwner(tx, owner);
      if (await liveOfType(tx, owner, current.type)) throw typeTaken(owner, current.type);
      if (channel) await assertNotMandatory(tx, organization.id, current.type);
      await tx
        .update(serviceConfigs)
        .set({
          deletedAt: null,
          deletedBy: null,
          ...touched(actor),
        })
        .where(eq(serviceConfigs.id, id));
      await recordAudit(tx, actor, {
        action: 'service.restored',
        targetType: 'service',
        targetId: id,
        targetLabel: targetLabel(current),
        channelId: current.channelId,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('The owner has a live configuration of this type; delete that one first.');
    throw error;
  }
  return toView(await getServiceRow(db, id));
}
