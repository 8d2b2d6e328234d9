import { Alert } from '@mui/material';
import { Edit, Loading, SaveButton, SimpleForm, Toolbar, useGetOne, useRecordContext } from 'react-admin';
import type { CatalogueEntry, ChannelRecord, ServiceRecord } from '../providers/types.ts';
import { servicePayload } from './payload.ts';
import { ServiceHeader } from './ServiceHeader.tsx';
import { ServiceInputs } from './ServiceInputs.tsx';
import { entryOf, useCatalogue } from './useCatalogue.ts';
import { useServiceSaved } from './useServiceSaved.ts';

const ServiceTitle = ({ catalogue }: { catalogue?: CatalogueEntry[] }) => {
  const record = useRecordContext<ServiceRecord>();
  if (!record) return null;
  return <span>{`${entryOf(catalogue, record.type)?.label ?? record.type} — ${record.channelId}`}</span>;
};

function ServiceForm({ catalogue }: { catalogue?: CatalogueEntry[] }) {
  const record = useRecordContext<ServiceRecord>();
  const entry = entryOf(catalogue, record?.type);
  const { data: channel, error } = useGetOne<ChannelRecord>(
    'channels',
    { id: record?.channelId ?? '' },
    { enabled: Boolean(record) },
  );
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!record || !entry || !channel) return <Loading />;
  return (
    <SimpleForm
      noValidate
      sx={{ maxWidth: 760 }}
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <ServiceHeader entry={entry} channel={channel} service={record} />
      {record.deletedAt && <Alert severity="info">{`Deleted by ${record.deletedBy ?? '—'}.`}</Alert>}
      <ServiceInputs entry={entry} channel={channel} />
    </SimpleForm>
  );
}

/** Edits one configuration; the record's version goes along, so a stale save is refused with who changed it. */
export default function ServiceEdit() {
  const { data: catalogue } = useCatalogue();
  const saved = useServiceSaved();
  return (
    <Edit<ServiceRecord>
      title={<ServiceTitle catalogue={catalogue} />}
      mutationMode="pessimistic"
      actions={false}
      transform={(data: Record<string, unknown>) => servicePayload(data, entryOf(catalogue, data.type))}
      mutationOptions={{ onSuccess: (data) => saved(data, { redirect: true }) }}
    >
      <ServiceForm catalogue={catalogue} />
    </Edit>
  );
}
