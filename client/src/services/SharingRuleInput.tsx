import { ListItemText, MenuItem, TextField } from '@mui/material';
import { useInput, useTranslate } from 'react-admin';
import { SHARING_RULE_HELP, SHARING_RULES, type SharingRule } from '../../../shared/sharing/effective.ts';

/** The sharing rule of an organization configuration; each choice explains itself, and so does the chosen one. */
export function SharingRuleInput() {
  const translate = useTranslate();
  const { field, fieldState, id } = useInput({ source: 'sharingRule', defaultValue: 'unshared' });
  const value = (field.value || 'unshared') as SharingRule;
  const error = fieldState.error?.message;
  return (
    <TextField
      {...field}
      id={id}
      value={value}
      select
      label={translate('resources.services.fields.sharingRule')}
      helperText={error ?? SHARING_RULE_HELP[value]}
      error={Boolean(error)}
      sx={{ minWidth: { md: 520 }, mb: 1 }}
      slotProps={{ select: { renderValue: (v) => translate(`app.sharing.rule.${String(v)}`) } }}
    >
      {SHARING_RULES.map((rule) => (
        <MenuItem key={rule} value={rule}>
          <ListItemText primary={translate(`app.sharing.rule.${rule}`)} secondary={SHARING_RULE_HELP[rule]} />
        </MenuItem>
      ))}
    </TextField>
  );
}
