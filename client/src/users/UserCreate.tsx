import { Create, SimpleForm } from 'react-admin';
import { UserInputs } from './UserInputs.tsx';

export const UserCreate = () => (
  <Create redirect="list" mutationMode="pessimistic">
    <SimpleForm defaultValues={{ role: 'support', channels: [] }}>
      <UserInputs mode="create" />
    </SimpleForm>
  </Create>
);

export default UserCreate;
