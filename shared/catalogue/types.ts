import type { z } from 'zod';
import type { SettingField } from './fields.ts';

export const SERVICE_TYPES = [
  'order-export',
  'order-history',
  'rma',
  'inventory',
  'order',
  'order-state',
  'reverse',
  'download',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export interface ServiceTypeDefinition {
  type: ServiceType;
  label: string;
  description: string;
  protocol: 'REST' | 'SOAP' | 'servlet';
  /** The IOM API the type speaks, as IOM names it. */
  api: string;
  /** Appended to the channel's IOM base URL to give the default endpoint. */
  defaultPath: string;
  /** Which of the channel's IOM shop identifiers the type sends. */
  shopIdentifier: 'shopId' | 'shopName';
  deprecated: boolean;
  replacedBy?: ServiceType;
  /**
   * Whether this type may be active beside its replacement: `block` refuses it, `warn` allows it with a warning
   * (return slips keep needing the Reverse service, so it may stay beside RMA).
   */
  besideReplacement?: 'block' | 'warn';
  /** Validates and defaults the type's settings; unknown keys are refused. */
  settings: z.ZodType<Record<string, unknown>, Record<string, unknown>>;
  settingFields: readonly SettingField[];
}
