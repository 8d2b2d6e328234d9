import { Box, Stack } from '@mui/material';
import { DateField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ChannelPage } from './ChannelPage.tsx';
import { ChannelTitle } from './ChannelTitle.tsx';
import { CoveragePanel } from './CoveragePanel.tsx';

const General = () => (
  <Stack direction={{ xs: 'column', md: 'row' }} sx={{ alignItems: 'flex-start' }}>
    <Box sx={{ flex: 1 }}>
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="name" />
        <TextField source="iomShopId" />
        <TextField source="iomShopName" />
        <ReferenceField source="organizationId" reference="organizations" link="show" />
        <TextField source="iomBaseUrl" emptyText="—" />
        <TextField source="description" emptyText="—" />
        <DateField source="updatedAt" showTime />
        <TextField source="updatedBy" emptyText="—" />
      </SimpleShowLayout>
    </Box>
    <Box sx={{ width: { xs: '100%', md: 400 }, p: 2 }}>
      <CoveragePanel />
    </Box>
  </Stack>
);

/** The read-only channel page (support). */
export const ChannelShow = () => (
  <Show title={<ChannelTitle />} actions={false}>
    <ChannelPage general={<General />} />
  </Show>
);

export default ChannelShow;
