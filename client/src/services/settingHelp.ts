import { SWITCHBOARD_SETTING_NOTE } from '../../../shared/catalogue/fields.ts';
import type { SettingField } from '../providers/types.ts';

const range = (f: SettingField) =>
  f.min !== undefined && f.max !== undefined
    ? ` ${f.min.toLocaleString('en')}–${f.max.toLocaleString('en')}${f.unit ? ` ${f.unit}` : ''}.`
    : '';

/**
 * A setting's helper text: its help and range, led by the mark of a setting of Switchboard's own (one ICM's
 * service page does not have), so nobody looks for it in ICM.
 */
export const settingHelp = (f: SettingField): string =>
  `${f.switchboardOnly ? `${SWITCHBOARD_SETTING_NOTE}. ` : ''}${f.help}${range(f)}`;
