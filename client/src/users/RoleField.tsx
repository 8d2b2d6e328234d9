import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

const colors = { admin: 'primary', channel_manager: 'secondary', support: 'default' } as const;

export function RoleField() {
  const record = useRecordContext<{ role: keyof typeof colors }>();
  const translate = useTranslate();
  if (!record) return null;
  return <Chip size="small" color={colors[record.role]} label={translate(`app.roles.${record.role}`)} />;
}
