import { EXPORT_TRIGGERS, orderExport, type ExportTrigger } from '../../shared/catalogue/orderExport.ts';
import type { ExportState, HoldReason } from '../../shared/exports.ts';

/** The order-export settings the exporter acts on (validated and defaulted by the catalogue). */
export interface ExportSettings {
  exportTrigger: ExportTrigger;
  scheduleIntervalMinutes?: number | undefined;
  maxAttempts: number;
  retryInitialDelaySeconds: number;
  escalationThreshold: number;
}

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  exportTrigger: 'on-order-creation',
  maxAttempts: 8,
  retryInitialDelaySeconds: 30,
  escalationThreshold: 5,
};

/** A stored configuration's settings as the exporter uses them; what no longer validates falls back to defaults. */
export function exportSettingsOf(raw: Record<string, unknown>): ExportSettings {
  const parsed = orderExport.settings.safeParse(raw);
  if (parsed.success) {
    const s = parsed.data as unknown as ExportSettings;
    if ((EXPORT_TRIGGERS as readonly string[]).includes(s.exportTrigger)) return s;
  }
  return DEFAULT_EXPORT_SETTINGS;
}

/** The first release of a scheduled batch after `now`: batches leave on multiples of the interval (UTC). */
export function nextScheduledRelease(now: Date, intervalMinutes: number): Date {
  const every = Math.max(1, intervalMinutes) * 60_000;
  return new Date((Math.floor(now.getTime() / every) + 1) * every);
}

export interface Placement {
  state: Extract<ExportState, 'waiting_for_configuration' | 'held' | 'pending'>;
  holdReason: HoldReason | null;
  releaseAt: Date | null;
  nextAttemptAt: Date | null;
}

export interface WaitingExport {
  holdReason: HoldReason | null;
  releaseAt: Date | null;
  approvedAt: Date | null;
}

/**
 * Where an export that has not started belongs under the channel's current trigger. Applied at intake and,
 * while it waits, again whenever the configuration may have changed — so a changed trigger applies to held
 * orders from then on. `settings` null: the channel has no active order-export service.
 */
export function place(settings: ExportSettings | null, current: WaitingExport, now: Date): Placement {
  const held = (holdReason: HoldReason, releaseAt: Date | null = null): Placement => ({
    state: 'held',
    holdReason,
    releaseAt,
    nextAttemptAt: null,
  });
  const due: Placement = { state: 'pending', holdReason: null, releaseAt: null, nextAttemptAt: now };
  if (!settings)
    return { state: 'waiting_for_configuration', holdReason: null, releaseAt: null, nextAttemptAt: null };
  switch (settings.exportTrigger) {
    case 'on-order-creation':
      return due;
    case 'on-order-approval':
      return current.approvedAt ? due : held('on-order-approval');
    case 'manual':
      return held('manual');
    case 'scheduled': {
      const next = nextScheduledRelease(now, settings.scheduleIntervalMinutes ?? 60);
      if (current.holdReason !== 'scheduled' || !current.releaseAt) return held('scheduled', next);
      if (current.releaseAt.getTime() <= now.getTime()) return due;
      // A shortened interval releases earlier; a longer one does not delay what was announced.
      return held('scheduled', current.releaseAt < next ? current.releaseAt : next);
    }
  }
}
