import KeyIcon from '@mui/icons-material/Key';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { lazy, type ReactNode } from 'react';
import {
  AppBar,
  Layout,
  Loading,
  Logout,
  UserMenu,
  useGetIdentity,
  useTranslate,
  useUserMenu,
} from 'react-admin';
import { Link } from 'react-router-dom';

function ChangePasswordItem() {
  const translate = useTranslate();
  const menu = useUserMenu();
  return (
    <MenuItem component={Link} to="/account/password" onClick={() => menu?.onClose()}>
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('app.account.change_password')}</ListItemText>
    </MenuItem>
  );
}

const SwitchboardAppBar = () => (
  <AppBar
    userMenu={
      <UserMenu>
        <ChangePasswordItem />
        <Logout />
      </UserMenu>
    }
  />
);

const FirstPasswordChange = lazy(() => import('../account/FirstPasswordChange.tsx'));
const NoSidebar = () => null;

/** Until a generated password is changed, the change-password page is all there is (the server refuses the rest). */
export const AppLayout = ({ children }: { children: ReactNode }) => {
  const { identity, isPending } = useGetIdentity();
  if (isPending)
    return (
      <Layout appBar={SwitchboardAppBar} sidebar={NoSidebar}>
        <Loading />
      </Layout>
    );
  if (identity?.mustChangePassword)
    return (
      <Layout appBar={SwitchboardAppBar} sidebar={NoSidebar}>
        <FirstPasswordChange />
      </Layout>
    );
  return <Layout appBar={SwitchboardAppBar}>{children}</Layout>;
};
