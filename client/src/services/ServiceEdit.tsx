import { Alert } from '@mui/material';
import {
  Edit,
  Loading,
  SaveButton,
  SimpleForm,
  Toolbar,
  useRecordContext,
  useSaveContext,
} from 'react-admin';
import { useLossConfirm } from '../organizations/useLossConfirm.tsx';
import type { CatalogueEntry, ServiceRecord } from '../providers/types.ts';
import { useOwner } from './owner.ts';
import { servicePayload } from './payload.ts';
import { ServiceHeader } from './ServiceHeader.tsx';
import { ServiceInputs } from './ServiceInputs.tsx';
import { entryOf, useCatalogue } from './useCatalogue.ts';
import { useServiceSaved } from './useServiceSaved.ts';

const ServiceTitle = ({ catalogue }: { catalogue?: CatalogueEntry[] }) => {
  const record = useRecordContext<ServiceRecord>();
  if (!record) return null;
  const owner = record.channelId ?? `organization ${record.organizationId ?? ''}`;
  return <span>{`${entryOf(catalogue, record.type)?.label ?? record.type} — ${owner}`}</span>;
};

/**
 * An organization configuration whose sharing rule changes or that is switched off may leave channels
 * without it: the server names them first, the admin confirms, and the save goes with `confirmLoss`.
 */
function useGuardedSave(record: ServiceRecord | undefined) {
  const { save } = useSaveContext();
  const { check, dialog } = useLossConfirm();
  const onSubmit = async (values: Record<string, unknown>): Promise<unknown> => {
    if (!save || !record) return undefined;
    // The answer is the server's field errors, if any, for the form to place.
    const send = async (data: Record<string, unknown>): Promise<unknown> => (await save(data)) as unknown;
    if (!record.organizationId) return send(values);
    const sharingRule = values.sharingRule as ServiceRecord['sharingRule'];
    const change = {
      ...(sharingRule && sharingRule !== record.sharingRule ? { sharingRule } : {}),
      ...(values.active === false && record.active ? { active: false } : {}),
    };
    const confirmed = Object.keys(change).length ? await check(record.id, change) : {};
    return confirmed ? send({ ...values, ...confirmed }) : undefined;
  };
  return { onSubmit, dialog };
}

function ServiceForm({ catalogue }: { catalogue?: CatalogueEntry[] }) {
  const record = useRecordContext<ServiceRecord>();
  const entry = entryOf(catalogue, record?.type);
  const { owner, error } = useOwner({ channelId: record?.channelId, organizationId: record?.organizationId });
  const { onSubmit, dialog } = useGuardedSave(record);
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!record || !entry || !owner) return <Loading />;
  return (
    <SimpleForm
      noValidate
      onSubmit={onSubmit}
      sx={{ maxWidth: 760 }}
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <ServiceHeader entry={entry} owner={owner} service={record} />
      {record.deletedAt && <Alert severity="info">{`Deleted by ${record.deletedBy ?? '—'}.`}</Alert>}
      <ServiceInputs entry={entry} owner={owner} configId={record.id} />
      {dialog}
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
