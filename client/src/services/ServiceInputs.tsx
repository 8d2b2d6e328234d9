import { InputAdornment, Typography } from '@mui/material';
import { BooleanInput, NumberInput, TextInput, required, useTranslate } from 'react-admin';
import type { CatalogueEntry, ChannelRecord } from '../providers/types.ts';
import { ServicePasswordInput } from './ServicePasswordInput.tsx';
import { SettingInput } from './SettingInput.tsx';

/** The one form body behind Create and Edit: the common fields, then the type's own settings. */
export function ServiceInputs({ entry, channel }: { entry: CatalogueEntry; channel: ChannelRecord }) {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="name" helperText={`Optional; shown instead of "${entry.label}".`} />
      <BooleanInput source="active" />
      <TextInput
        source="endpoint"
        validate={required()}
        helperText={translate(
          channel.iomBaseUrl ? 'app.services.endpoint_help' : 'app.services.endpoint_no_base',
          {
            path: entry.defaultPath,
          },
        )}
        sx={{ minWidth: { md: 520 } }}
      />
      <TextInput source="username" autoComplete="off" />
      <ServicePasswordInput />
      <NumberInput
        source="timeoutMs"
        step={1}
        min={1}
        max={120_000}
        helperText="app.services.timeout_help"
        slotProps={{ input: { endAdornment: <InputAdornment position="end">ms</InputAdornment> } }}
      />
      <TextInput
        source="trustedCertificateSha256"
        helperText="app.services.pin_help"
        sx={{ minWidth: { md: 520 } }}
      />
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate('app.services.settings')}
      </Typography>
      {entry.settingFields.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('app.services.no_settings')}
        </Typography>
      )}
      {entry.settingFields.map((f) => (
        <SettingInput key={f.key} field={f} />
      ))}
    </>
  );
}
