import {
  Create,
  DateField,
  DeleteButton,
  Edit,
  NumberField,
  SaveButton,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  Toolbar,
  useRecordContext,
} from 'react-admin';
import type { OrganizationRecord } from '../providers/types.ts';
import { OrganizationInputs } from './OrganizationInputs.tsx';
import { OrganizationPage } from './OrganizationPage.tsx';

const OrganizationTitle = () => {
  const record = useRecordContext<OrganizationRecord>();
  return <span>{record ? `${record.name} (${record.id})` : ''}</span>;
};

/** After creating, the organization page opens, where its shared services are added. */
export const OrganizationCreate = () => (
  <Create redirect="edit" mutationMode="pessimistic">
    <SimpleForm sx={{ maxWidth: 760 }}>
      <OrganizationInputs mode="create" />
    </SimpleForm>
  </Create>
);

/** Deleting an organization that still holds channels is refused by the server, which names them. */
const GeneralForm = () => (
  <SimpleForm
    sx={{ maxWidth: 760 }}
    toolbar={
      <Toolbar sx={{ justifyContent: 'space-between' }}>
        <SaveButton />
        <DeleteButton mutationMode="pessimistic" />
      </Toolbar>
    }
  >
    <OrganizationInputs mode="edit" />
  </SimpleForm>
);

export const OrganizationEdit = () => (
  <Edit title={<OrganizationTitle />} mutationMode="pessimistic" redirect={false} actions={false}>
    <OrganizationPage general={<GeneralForm />} />
  </Edit>
);

const General = () => (
  <SimpleShowLayout>
    <TextField source="id" />
    <TextField source="name" />
    <TextField source="description" emptyText="—" />
    <NumberField source="channelCount" />
    <NumberField source="serviceCount" />
    <DateField source="updatedAt" showTime />
    <TextField source="updatedBy" emptyText="—" />
  </SimpleShowLayout>
);

/** Read-only for channel managers and support. */
export const OrganizationShow = () => (
  <Show title={<OrganizationTitle />} actions={false}>
    <OrganizationPage general={<General />} />
  </Show>
);
