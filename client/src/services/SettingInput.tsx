import { InputAdornment } from '@mui/material';
import { BooleanInput, FormDataConsumer, NumberInput, SelectInput } from 'react-admin';
import type { SettingField } from '../providers/types.ts';
import { settingHelp } from './settingHelp.ts';

/** One type-specific setting, under `settings.<key>` so the server's messages for it land right here. */
function SettingControl({ field }: { field: SettingField }) {
  const source = `settings.${field.key}`;
  switch (field.kind) {
    case 'integer':
      return (
        <NumberInput
          source={source}
          label={field.label}
          helperText={settingHelp(field)}
          step={1}
          min={field.min}
          max={field.max}
          slotProps={
            field.unit
              ? { input: { endAdornment: <InputAdornment position="end">{field.unit}</InputAdornment> } }
              : undefined
          }
        />
      );
    case 'boolean':
      return <BooleanInput source={source} label={field.label} helperText={settingHelp(field)} />;
    case 'select':
      return (
        <SelectInput
          source={source}
          label={field.label}
          helperText={settingHelp(field)}
          choices={[...(field.choices ?? [])]}
        />
      );
  }
}

/** Shows the setting, or, for one with `visibleWhen`, only while the other setting has that value. */
export function SettingInput({ field }: { field: SettingField }) {
  const when = field.visibleWhen;
  if (!when) return <SettingControl field={field} />;
  return (
    <FormDataConsumer<{ settings?: Record<string, unknown> }>>
      {({ formData }) =>
        formData.settings?.[when.key] === when.equals ? <SettingControl field={field} /> : null
      }
    </FormDataConsumer>
  );
}
