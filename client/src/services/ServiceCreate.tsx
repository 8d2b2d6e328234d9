import { Alert } from '@mui/material';
import {
  Create,
  Loading,
  SaveButton,
  SimpleForm,
  Toolbar,
  useGetOne,
  useLocation,
  useTranslate,
} from 'react-admin';
import type { ServiceRecord } from '../providers/types.ts';
import { ownerName, useOwner } from './owner.ts';
import { newServiceDefaults, servicePayload } from './payload.ts';
import { ServiceHeader } from './ServiceHeader.tsx';
import { ServiceInputs } from './ServiceInputs.tsx';
import { entryOf, useCatalogue } from './useCatalogue.ts';
import { useServiceSaved } from './useServiceSaved.ts';

/**
 * `/services/create?channelId=…&type=…` (or `?organizationId=…`): a new configuration, prefilled from the
 * catalogue and the channel; with `&from=<id>` a channel's override, prefilled from the inherited one.
 */
export default function ServiceCreate() {
  const translate = useTranslate();
  const params = new URLSearchParams(useLocation().search);
  const channelId = params.get('channelId') ?? '';
  const organizationId = channelId ? '' : (params.get('organizationId') ?? '');
  const type = params.get('type') ?? '';
  const fromId = params.get('from') ?? '';
  const { data: catalogue, error: catalogueError } = useCatalogue();
  const entry = entryOf(catalogue, type);
  const { owner, error, missing } = useOwner({ channelId, organizationId });
  const from = useGetOne<ServiceRecord>('services', { id: fromId }, { enabled: Boolean(fromId) });
  const saved = useServiceSaved();
  const failure = error ?? catalogueError ?? from.error;
  if (failure) return <Alert severity="error">{failure.message}</Alert>;
  if (missing || (catalogue && !entry)) {
    return <Alert severity="info">{translate('app.services.missing_context')}</Alert>;
  }
  if (!entry || !owner || (fromId && !from.data)) return <Loading />;
  return (
    <Create<ServiceRecord>
      resource="services"
      title={`${entry.label} — ${ownerName(owner)}`}
      mutationMode="pessimistic"
      transform={(data: Record<string, unknown>) => ({
        ...servicePayload({ ...data, organizationId }, entry),
        ...(channelId ? { channelId } : { organizationId }),
        type,
      })}
      mutationOptions={{ onSuccess: (data) => saved(data, { redirect: true }) }}
    >
      <SimpleForm
        defaultValues={newServiceDefaults(entry, owner, from.data)}
        noValidate
        sx={{ maxWidth: 760 }}
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <ServiceHeader entry={entry} owner={owner} />
        {from.data && <Alert severity="info">{translate('app.services.override_from')}</Alert>}
        <ServiceInputs entry={entry} owner={owner} />
      </SimpleForm>
    </Create>
  );
}
