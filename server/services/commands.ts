import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { channels, serviceConfigs } from '../../drizzle/schema/index.ts';
import { CATALOGUE, defaultEndpoint, type ServiceType } from '../../shared/catalogue/index.ts';
import { checkActivation } from '../../shared/catalogue/rules.ts';
import { diffFields } from '../../shared/diff.ts';
import {
  serviceCreateSchema,
  serviceRefSchema,
  serviceUpdateSchema,
  type ServiceCreateInput,
  type ServiceUpdateInput,
} from '../../shared/schemas/services.ts';
import { recordAudit } from '../audit/record.ts';
import type { ChannelActor } from '../channels/commands.ts';
import { assertChannelInScope } from '../channels/scope.ts';
import type { Db, Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import type { SecretBox } from '../secrets/secretBox.ts';
import { activeTypesOf, getServiceRow, toView, type ServiceRow, type ServiceView } from './queries.ts';
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

const typeTaken = (channelId: string, type: ServiceType) =>
  conflict(
    `Channel ${channelId} already has a ${CATALOGUE[type].label} configuration; edit that one instead.`,
    {
      type: `This channel already has a ${type} configuration.`,
    },
  );

/** A row as the audit diff sees it: settings one by one, the password only as set or not. */
function auditable(row: Partial<ServiceRow>) {
  const { settings, passwordEncrypted, ...rest } = row;
  return {
    ...rest,
    ...(settings ? flattenSettings(settings) : {}),
    ...(passwordEncrypted === undefined ? {} : { password: passwordEncrypted === null ? null : '(set)' }),
  };
}

/** Serialises writes per channel, so activation rules hold even when two people save at once. */
async function lockChannel(tx: Tx | Db, channelId: string) {
  const [channel] = await tx.select().from(channels).where(eq(channels.id, channelId)).for('update');
  if (!channel) throw notFound(`There is no channel ${channelId}.`);
  return channel;
}

async function activationWarnings(tx: Tx | Db, channelId: string, type: ServiceType, exceptId?: string) {
  const check = checkActivation(type, await activeTypesOf(tx, channelId, exceptId));
  if (check.blocking.length) throw invalid('active', check.blocking.join(' '));
  return check.warnings;
}

function passwordChanges(password: string | null | undefined) {
  if (password === undefined) return {};
  return { password: password === null ? null : '(new)' };
}

export async function createService(
  db: Db,
  secrets: SecretBox,
  actor: ChannelActor,
  raw: ServiceCreateInput,
  options: WriteOptions = {},
): Promise<ServiceWriteResult> {
  const input = serviceCreateSchema.parse(raw);
  if (actor.user) assertChannelInScope(actor.user, input.channelId);
  const settings = parseSettings(input.type, input.settings);
  const id = randomUUID();
  try {
    const warnings = await db.transaction(async (tx) => {
      const channel = await lockChannel(tx, input.channelId);
      const [existing] = await tx
        .select({ id: serviceConfigs.id })
        .from(serviceConfigs)
        .where(
          and(
            eq(serviceConfigs.channelId, input.channelId),
            eq(serviceConfigs.type, input.type),
            isNull(serviceConfigs.deletedAt),
          ),
        );
      if (existing) throw typeTaken(input.channelId, input.type);
      const warnings = input.active ? await activationWarnings(tx, input.channelId, input.type) : [];
      const values = {
        id,
        channelId: input.channelId,
        type: input.type,
        name: input.name ?? null,
        active: input.active,
        endpoint: input.endpoint ?? defaultEndpoint(input.type, channel.iomBaseUrl),
        username: input.username,
        passwordEncrypted: input.password ? secrets.encrypt(input.password, secretContext(id)) : null,
        timeoutMs: input.timeoutMs,
        trustedCertificateSha256: input.trustedCertificateSha256 ?? null,
        settings,
        provisionedAt: options.provisioned ? new Date() : null,
        updatedBy: actor.email,
      };
      await tx.insert(serviceConfigs).values(values);
      await recordAudit(tx, actor, {
        action: 'service.created',
        targetType: 'service',
        targetId: id,
        targetLabel: `${input.channelId} / ${input.type}`,
        channelId: input.channelId,
        changes: diffFields(
          null,
          {
            ...auditable({ ...values, passwordEncrypted: undefined }),
            ...(input.password ? { password: '(new)' } : {}),
          },
          ['password'],
        ),
      });
      return warnings;
    });
    return { service: toView(await getServiceRow(db, id)), warnings };
  } catch (error) {
    if (isUniqueViolation(error)) throw typeTaken(input.channelId, input.type);
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
    if (actor.user) assertChannelInScope(actor.user, found.channelId);
    await lockChannel(tx, found.channelId);
    const [current] = await tx
      .select()
      .from(serviceConfigs)
      .where(eq(serviceConfigs.id, input.id))
      .for('update');
    if (!current) throw notFound('This service configuration does not exist.');
    if (current.deletedAt)
      throw new DomainError('BAD_REQUEST', 'This configuration is deleted; an admin can restore it first.');
    if (current.version !== input.version) {
      throw conflict(
        `This configuration was changed by ${current.updatedBy ?? 'someone else'} at ${current.updatedAt.toISOString()} — reload to see their change.`,
      );
    }
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
        ? parseSettings(current.type, { ...current.settings, ...input.settings })
        : current.settings,
    };
    const warnings = next.active
      ? await activationWarnings(tx, current.channelId, current.type, current.id)
      : [];
    const changes = diffFields(
      auditable(current),
      { ...auditable(next), ...passwordChanges(input.password) },
      ['password'],
    );
    const provisionedChanged =
      options.provisioned !== undefined && options.provisioned !== (current.provisionedAt !== null);
    if (changes.length === 0 && !provisionedChanged) return warnings;
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
        ...(options.provisioned === undefined
          ? {}
          : { provisionedAt: options.provisioned ? (current.provisionedAt ?? new Date()) : null }),
        version: sql`${serviceConfigs.version} + 1`,
        updatedAt: new Date(),
        updatedBy: actor.email,
      })
      .where(eq(serviceConfigs.id, current.id));
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
        targetLabel: `${current.channelId} / ${current.type}`,
        channelId: current.channelId,
        changes,
      });
    }
    return warnings;
  });
  return { service: toView(await getServiceRow(db, input.id)), warnings };
}

/** Soft delete: the configuration leaves the channel (inactive) but keeps its history; an admin can restore it. */
export async function deleteService(db: Db, actor: ChannelActor, raw: unknown): Promise<ServiceView> {
  const input = serviceRefSchema.parse(raw);
  await db.transaction(async (tx) => {
    const current = await getServiceRow(tx, input.id);
    if (actor.user) assertChannelInScope(actor.user, current.channelId);
    if (current.deletedAt) throw new DomainError('BAD_REQUEST', 'This configuration is deleted already.');
    if (current.version !== input.version) {
      throw conflict(
        `This configuration was changed by ${current.updatedBy ?? 'someone else'} at ${current.updatedAt.toISOString()} — reload to see their change.`,
      );
    }
    await tx
      .update(serviceConfigs)
      .set({
        active: false,
        deletedAt: new Date(),
        deletedBy: actor.email,
        version: sql`${serviceConfigs.version} + 1`,
        updatedAt: new Date(),
        updatedBy: actor.email,
      })
      .where(eq(serviceConfigs.id, current.id));
    await recordAudit(tx, actor, {
      action: 'service.deleted',
      targetType: 'service',
      targetId: current.id,
      targetLabel: `${current.channelId} / ${current.type}`,
      channelId: current.channelId,
      changes: current.active ? [{ field: 'active', from: true, to: false }] : [],
    });
  });
  return toView(await getServiceRow(db, input.id));
}

/** Brings a deleted configuration back, inactive, unless the channel has a live one of that type meanwhile. */
export async function restoreService(db: Db, actor: ChannelActor, id: string): Promise<ServiceView> {
  try {
    await db.transaction(async (tx) => {
      const current = await getServiceRow(tx, id);
      if (!current.deletedAt) throw new DomainError('BAD_REQUEST', 'This configuration is not deleted.');
      await lockChannel(tx, current.channelId);
      const [live] = await tx
        .select({ id: serviceConfigs.id })
        .from(serviceConfigs)
        .where(
          and(
            eq(serviceConfigs.channelId, current.channelId),
            eq(serviceConfigs.type, current.type),
            isNull(serviceConfigs.deletedAt),
          ),
        );
      if (live) throw typeTaken(current.channelId, current.type);
      await tx
        .update(serviceConfigs)
        .set({
          deletedAt: null,
          deletedBy: null,
          version: sql`${serviceConfigs.version} + 1`,
          updatedAt: new Date(),
          updatedBy: actor.email,
        })
        .where(eq(serviceConfigs.id, id));
      await recordAudit(tx, actor, {
        action: 'service.restored',
        targetType: 'service',
        targetId: id,
        targetLabel: `${current.channelId} / ${current.type}`,
        channelId: current.channelId,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict('The channel has a live configuration of this type; delete that one first.');
    throw error;
  }
  return toView(await getServiceRow(db, id));
}
