import { Alert, Box } from '@mui/material';
import { useGetIdentity, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { forgetIdentity } from '../providers/authProvider.ts';
import ChangePassword from './ChangePassword.tsx';

/** The only page of a session whose generated first-admin password must still be changed. */
export default function FirstPasswordChange() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { refetch } = useGetIdentity();
  const continueToDashboard = async () => {
    forgetIdentity();
    await refetch();
    await navigate('/');
  };
  return (
    <Box sx={{ maxWidth: 520 }}>
      <Alert severity="warning" sx={{ mt: 2 }}>
        {translate('app.account.must_change')}
      </Alert>
      <ChangePassword onChanged={continueToDashboard} />
    </Box>
  );
}
