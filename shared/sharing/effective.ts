/**
 * Which configuration a channel actually uses for one service type, after ICM's sharing rules:
 * an organization's configuration is shared to its channels under a rule, a channel may switch an inherited
 * configuration on or off where the rule allows, and may hold its own configuration as a local override
 * (except under shared-mandatory). Pure: the caller passes what the database holds.
 */

export const SHARING_RULES = ['unshared', 'shared-active', 'shared-inactive', 'shared-mandatory'] as const;
export type SharingRule = (typeof SHARING_RULES)[number];

export const SHARING_RULE_HELP: Record<SharingRule, string> = {
  unshared: 'Only the organization has it; its channels do not get it.',
  'shared-active': 'Every channel gets it active; a channel may deactivate it.',
  'shared-inactive': 'Every channel gets it inactive; a channel must activate it explicitly.',
  'shared-mandatory': 'Every channel gets it active and can neither deactivate nor replace it.',
};

export interface OrgConfigRef {
  id: string;
  organizationName: string;
  rule: SharingRule;
  /** The organization-level configuration's own active flag. */
  active: boolean;
}

export interface LocalConfigRef {
  id: string;
  active: boolean;
}

export interface LocalActivation {
  active: boolean;
  by: string;
}

export type EffectiveSource = 'local' | 'override' | 'inherited' | 'mandatory' | 'none';

export type EffectiveStatus =
  | 'operational'
  | 'inactive'
  | 'disabled-at-organization'
  | 'deactivated-locally'
  | 'not-activated'
  | 'not-configured';

export interface EffectiveConfig {
  source: EffectiveSource;
  /** The configuration in use, or null when there is none. */
  configId: string | null;
  active: boolean;
  status: EffectiveStatus;
  explanation: string;
  /** What the channel may do about it. */
  canToggleInherited: boolean;
  canOverride: boolean;
  /** A local configuration that a mandatory one makes inert. */
  ignoredLocalId: string | null;
}

export function resolveEffective(
  org: OrgConfigRef | null,
  local: LocalConfigRef | null,
  activation: LocalActivation | null,
): EffectiveConfig {
  const shared = org !== null && org.rule !== 'unshared';
  const from = org ? `inherited from organization ${org.organizationName}, ${org.rule}` : '';

  if (shared && org.rule === 'shared-mandatory') {
    const active = org.active;
    return {
      source: 'mandatory',
      configId: org.id,
      active,
      status: active ? 'operational' : 'disabled-at-organization',
      explanation: `${from}${active ? '' : ', disabled at the organization'}${local ? '; the channel’s own configuration is ignored' : ''}`,
      canToggleInherited: false,
      canOverride: false,
      ignoredLocalId: local?.id ?? null,
    };
  }

  if (local) {
    return {
      source: shared ? 'override' : 'local',
      configId: local.id,
      active: local.active,
      status: local.active ? 'operational' : 'inactive',
      explanation: shared
        ? `the channel’s own configuration, overriding the one ${from}`
        : `the channel’s own configuration${local.active ? '' : ', inactive'}`,
      canToggleInherited: false,
      canOverride: true,
      ignoredLocalId: null,
    };
  }

  if (!shared) {
    return {
      source: 'none',
      configId: null,
      active: false,
      status: 'not-configured',
      explanation: org
        ? `not shared: the organization ${org.organizationName} keeps its configuration to itself`
        : 'not configured',
      canToggleInherited: false,
      canOverride: true,
      ignoredLocalId: null,
    };
  }

  const byDefault = org.rule === 'shared-active';
  const wanted = activation ? activation.active : byDefault;
  const active = wanted && org.active;
  let status: EffectiveStatus;
  let detail: string;
  if (!org.active) {
    status = 'disabled-at-organization';
    detail = ', disabled at the organization';
  } else if (active) {
    status = 'operational';
    detail = activation && !byDefault ? `, activated locally by ${activation.by}` : '';
  } else if (activation && byDefault) {
    status = 'deactivated-locally';
    detail = `, deactivated locally by ${activation.by}`;
  } else {
    status = 'not-activated';
    detail = activation ? `, deactivated locally by ${activation.by}` : ', not activated on this channel yet';
  }
  return {
    source: 'inherited',
    configId: org.id,
    active,
    status,
    explanation: `${from}${detail}`,
    canToggleInherited: true,
    canOverride: true,
    ignoredLocalId: null,
  };
}
