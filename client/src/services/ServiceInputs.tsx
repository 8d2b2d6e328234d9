import { InputAdornment, Typography } from '@mui/material';
import { BooleanInput, NumberInput, TextInput, required, useTranslate } from 'react-admin';
import { TestFormButton } from '../probes/TestFormButton.tsx';
import type { CatalogueEntry } from '../providers/types.ts';
import type { Owner } from './owner.ts';
import { ServiceClientCertificateInput } from './ServiceClientCertificateInput.tsx';
import { ServicePasswordInput } from './ServicePasswordInput.tsx';
import { SettingInput } from './SettingInput.tsx';
import { SharingRuleInput } from './SharingRuleInput.tsx';

interface Props {
  entry: CatalogueEntry;
  owner: Owner;
  /** Editing a saved configuration (its stored password serves a test the form did not change it for). */
  configId?: string;
}

function endpointHelp(owner: Owner, path: string, translate: ReturnType<typeof useTranslate>) {
  if (owner.kind === 'organization') return translate('app.services.endpoint_org_help', { path });
  return translate(
    owner.channel.iomBaseUrl ? 'app.services.endpoint_help' : 'app.services.endpoint_no_base',
    { path },
  );
}

/** The one form body behind Create and Edit: the common fields, a connectivity test, the type's settings. */
export function ServiceInputs({ entry, owner, configId }: Props) {
  const translate = useTranslate();
  return (
    <>
      {owner.kind === 'organization' && <SharingRuleInput />}
      <TextInput source="name" helperText={`Optional; shown instead of "${entry.label}".`} />
      <BooleanInput source="active" />
      <TextInput
        source="endpoint"
        validate={required()}
        helperText={endpointHelp(owner, entry.defaultPath, translate)}
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
      <ServiceClientCertificateInput />
      {owner.kind === 'channel' && (
        <TestFormButton channelId={String(owner.channel.id)} type={entry.type} configId={configId} />
      )}
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
