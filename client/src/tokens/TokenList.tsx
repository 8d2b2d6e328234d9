import { Chip, Stack, Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DateField,
  List,
  SearchInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { TokenRecord } from '../providers/types.ts';
import { RevokeButton } from './RevokeButton.tsx';

const PrefixField = () => {
  const record = useRecordContext<TokenRecord>();
  return record ? (
    <Typography sx={{ fontFamily: 'monospace' }} variant="body2">{`${record.prefix}…`}</Typography>
  ) : null;
};

const ChannelsField = () => {
  const record = useRecordContext<TokenRecord>();
  if (!record) return null;
  return (
    <Stack direction="row" sx={{ gap: 0.5, flexWrap: 'wrap' }}>
      {record.channelIds.map((c) => (
        <Chip key={c} size="small" variant="outlined" label={c} />
      ))}
    </Stack>
  );
};

const CreatedField = () => {
  const record = useRecordContext<TokenRecord>();
  if (!record) return null;
  return (
    <>
      <DateField source="createdAt" showTime />
      <Typography variant="caption" color="text.secondary" component="div">
        {record.createdBy}
      </Typography>
    </>
  );
};

const StatusField = () => {
  const record = useRecordContext<TokenRecord>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.revokedAt)
    return <Chip size="small" color="success" variant="outlined" label={translate('app.tokens.active')} />;
  const when = new Date(record.revokedAt).toLocaleString();
  return (
    <>
      <Chip size="small" color="default" label={translate('app.tokens.revoked_chip')} />
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('app.tokens.revoked_by', { who: record.revokedBy ?? '—', when })}
      </Typography>
    </>
  );
};

export const TokenList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn placeholder="Name or token prefix" />]}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="prefix" field={PrefixField} />
        <DataTable.Col source="channelIds" disableSort field={ChannelsField} />
        <DataTable.Col source="createdAt" field={CreatedField} />
        <DataTable.Col source="lastUsedAt">
          <DateField source="lastUsedAt" showTime emptyText={translate('app.tokens.never')} />
        </DataTable.Col>
        <DataTable.Col source="revokedAt" field={StatusField} />
        <DataTable.Col label=" " align="right">
          <RevokeButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};

export default TokenList;
