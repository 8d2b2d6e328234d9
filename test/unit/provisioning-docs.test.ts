import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SWITCHBOARD_SETTING_NOTE } from '../../shared/catalogue/fields.ts';
import { CATALOGUE, defaultSettings } from '../../shared/catalogue/index.ts';
import { SERVICE_TYPES } from '../../shared/catalogue/types.ts';
import { checkDocument } from '../../server/provisioning/format.ts';
import {
  CHANNEL_KEYS,
  FILE_KEYS,
  ORGANIZATION_KEYS,
  ORGANIZATION_SERVICE_KEYS,
  SERVICE_KEYS,
} from '../../server/provisioning/keys.ts';
import { clientCertificateInputSchema } from '../../shared/schemas/services.ts';
import { parseProvisioningText } from '../../server/provisioning/parse.ts';
import { SHARING_RULE_HELP, SHARING_RULES } from '../../shared/sharing/effective.ts';

const docs = readFileSync(new URL('../../docs/provisioning.md', import.meta.url), 'utf8');

/** The part of "Settings by service type" that documents `type`: from its bold heading to the next one. */
function sectionOf(type: string): string {
  const settings = docs.slice(
    docs.indexOf('### Settings by service type'),
    docs.indexOf('### Activation rules'),
  );
  const start = settings.indexOf(`**\`${type}\`**`);
  expect(start, `docs/provisioning.md has no settings section for ${type}`).toBeGreaterThanOrEqual(0);
  const next = settings.indexOf('\n**`', start + 1);
  return settings.slice(start, next < 0 ? undefined : next);
}

describe('docs/provisioning.md', () => {
  it('documents every setting of every service type with the catalogue’s bounds and default', () => {
    for (const type of SERVICE_TYPES) {
      const section = sectionOf(type);
      const defaults = defaultSettings(type);
      for (const field of CATALOGUE[type].settingFields) {
        const row = section.split('\n').find((line) => line.startsWith(`| \`${field.key}\``));
        expect(row, `${type}.${field.key} is not documented`).toBeDefined();
        if (field.kind === 'integer') expect(row).toContain(`from ${field.min} to ${field.max}`);
        // Settings ICM's pages do not have are marked as Switchboard's own, as in the form.
        if (field.switchboardOnly) expect(row).toContain(`**${SWITCHBOARD_SETTING_NOTE}.**`);
        else expect(row).not.toContain(SWITCHBOARD_SETTING_NOTE);
        for (const choice of field.choices ?? []) expect(row).toContain(`\`${choice.id}\``);
        const fallback = defaults[field.key];
        expect(row).toMatch(
          fallback === undefined
            ? /\| none +\|$/
            : new RegExp(
                `\\| \`${typeof fallback === 'string' ? fallback : JSON.stringify(fallback)}\` +\\|$`,
              ),
        );
      }
      if (CATALOGUE[type].settingFields.length === 0) expect(section).toContain('no settings');
    }
  });

  it('lists every service type', () => {
    for (const type of SERVICE_TYPES) expect(docs).toContain(`| \`${type}\``);
  });

  it('documents every key of the file, of an organization and of a channel', () => {
    const keysOf = (heading: string) => {
      const start = docs.indexOf(heading);
      expect(start, `docs/provisioning.md has no section ${heading}`).toBeGreaterThanOrEqual(0);
      return docs.slice(start, docs.indexOf('\n### ', start + 1));
    };
    for (const key of FILE_KEYS) expect(keysOf('### The file')).toContain(`| \`${key}\``);
    for (const key of ORGANIZATION_KEYS) expect(keysOf('### An organization\n')).toContain(`| \`${key}\``);
    expect(ORGANIZATION_SERVICE_KEYS).toContain('sharing');
    expect(keysOf('### An organization\n')).toContain('| `sharing`');
    for (const key of CHANNEL_KEYS) expect(keysOf('### A channel')).toContain(`| \`${key}\``);
    for (const key of SERVICE_KEYS) expect(keysOf('### A service'), key).toContain(`| \`${key}\``);
    // The client certificate's own keys too.
    const service = keysOf('### A service');
    for (const key of Object.keys(clientCertificateInputSchema.shape))
      expect(service, `clientCertificate.${key}`).toContain(`| \`${key}\``);
  });

  it('explains every sharing rule with the words the admin UI uses', () => {
    for (const rule of SHARING_RULES) expect(docs).toContain(`- \`${rule}\`: ${SHARING_RULE_HELP[rule]}\n`);
  });

  it('has YAML examples that are valid provisioning files', () => {
    const examples = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .filter((text) => text.startsWith('organizations:') || text.startsWith('channels:'));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const text of examples) expect(checkDocument(parseProvisioningText(text)).problems).toEqual([]);
  });
});
