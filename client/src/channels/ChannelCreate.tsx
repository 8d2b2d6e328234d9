import { Create, SimpleForm } from 'react-admin';
import { ChannelInputs } from './ChannelInputs.tsx';

/** After creating, the channel page opens, where its services are added. */
export const ChannelCreate = () => (
  <Create redirect="edit" mutationMode="pessimistic">
    <SimpleForm sx={{ maxWidth: 760 }}>
      <ChannelInputs mode="create" />
    </SimpleForm>
  </Create>
);

export default ChannelCreate;
