import { Box, Stack } from '@mui/material';
import { Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { ChannelInputs } from './ChannelInputs.tsx';
import { ChannelPage } from './ChannelPage.tsx';
import { ChannelTitle } from './ChannelTitle.tsx';
import { CoveragePanel } from './CoveragePanel.tsx';

const General = () => (
  <Stack direction={{ xs: 'column', md: 'row' }} sx={{ alignItems: 'flex-start' }}>
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <ChannelInputs mode="edit" />
      </SimpleForm>
    </Box>
    <Box sx={{ width: { xs: '100%', md: 400 }, p: 2 }}>
      <CoveragePanel />
    </Box>
  </Stack>
);

/** The channel page for those who may change it; support gets ChannelShow. */
export const ChannelEdit = () => (
  <Edit title={<ChannelTitle />} mutationMode="pessimistic" redirect={false} actions={false}>
    <ChannelPage general={<General />} />
  </Edit>
);

export default ChannelEdit;
