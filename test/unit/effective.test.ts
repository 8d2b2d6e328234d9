import { describe, expect, it } from 'vitest';
import {
  resolveEffective,
  SHARING_RULES,
  type LocalActivation,
  type LocalConfigRef,
  type OrgConfigRef,
  type SharingRule,
} from '../../shared/sharing/effective.ts';

const org = (rule: SharingRule, active = true): OrgConfigRef => ({
  id: 'org-cfg',
  organizationName: 'inSPIRED',
  rule,
  active,
});
const localActive: LocalConfigRef = { id: 'local-cfg', active: true };
const localInactive: LocalConfigRef = { id: 'local-cfg', active: false };
const on: LocalActivation = { active: true, by: 'cm@example.com' };
const off: LocalActivation = { active: false, by: 'cm@example.com' };

/**
 * The rules of ICM's sharing, one row per situation that differs: what the channel uses, whether it is on,
 * and what it may do. Every combination below is checked against this table.
 */
function expected(
  rule: SharingRule | null,
  orgActive: boolean,
  activation: LocalActivation | null,
  local: LocalConfigRef | null,
) {
  if (rule === 'shared-mandatory') {
    return {
      source: 'mandatory',
      configId: 'org-cfg',
      active: orgActive,
      canToggleInherited: false,
      canOverride: false,
    };
  }
  if (local) {
    const shared = rule !== null && rule !== 'unshared';
    return {
      source: shared ? 'override' : 'local',
      configId: 'local-cfg',
      active: local.active,
      canToggleInherited: false,
      canOverride: true,
    };
  }
  if (rule === null || rule === 'unshared') {
    return { source: 'none', configId: null, active: false, canToggleInherited: false, canOverride: true };
  }
  const wanted = activation ? activation.active : rule === 'shared-active';
  return {
    source: 'inherited',
    configId: 'org-cfg',
    active: wanted && orgActive,
    canToggleInherited: true,
    canOverride: true,
  };
}

describe('effective configuration', () => {
  const rules: (SharingRule | null)[] = [null, ...SHARING_RULES];
  for (const rule of rules) {
    for (const orgActive of [true, false]) {
      for (const activation of [null, on, off]) {
        for (const local of [null, localActive, localInactive]) {
          const name = `${rule ?? 'no org config'}, org ${orgActive ? 'active' : 'inactive'}, local switch ${activation ? (activation.active ? 'on' : 'off') : 'unset'}, ${local ? `own ${local.active ? 'active' : 'inactive'} config` : 'no own config'}`;
          it(name, () => {
            const result = resolveEffective(rule ? org(rule, orgActive) : null, local, activation);
            expect(result).toMatchObject(expected(rule, orgActive, activation, local));
            expect(result.status === 'operational').toBe(result.active);
            expect(result.ignoredLocalId).toBe(rule === 'shared-mandatory' && local ? 'local-cfg' : null);
            expect(result.explanation.length).toBeGreaterThan(5);
          });
        }
      }
    }
  }

  it('explains itself in words a channel manager understands', () => {
    expect(resolveEffective(org('shared-inactive'), null, on).explanation).toBe(
      'inherited from organization inSPIRED, shared-inactive, activated locally by cm@example.com',
    );
    expect(resolveEffective(org('shared-active'), null, off)).toMatchObject({
      status: 'deactivated-locally',
      explanation:
        'inherited from organization inSPIRED, shared-active, deactivated locally by cm@example.com',
    });
    expect(resolveEffective(org('shared-inactive'), null, null)).toMatchObject({
      status: 'not-activated',
      explanation: 'inherited from organization inSPIRED, shared-inactive, not activated on this channel yet',
    });
    expect(resolveEffective(org('shared-active', false), null, null).status).toBe('disabled-at-organization');
    expect(resolveEffective(org('shared-mandatory'), localActive, null).explanation).toContain(
      'own configuration is ignored',
    );
    expect(resolveEffective(org('unshared'), null, null).explanation).toContain('not shared');
  });
});
