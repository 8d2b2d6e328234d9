import { Edit, SimpleForm, useRecordContext } from 'react-admin';
import { UserInputs } from './UserInputs.tsx';

const UserTitle = () => {
  const record = useRecordContext<{ email: string }>();
  return <span>{record ? record.email : ''}</span>;
};

export const UserEdit = () => (
  <Edit title={<UserTitle />} mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <UserInputs mode="edit" />
    </SimpleForm>
  </Edit>
);

export default UserEdit;
