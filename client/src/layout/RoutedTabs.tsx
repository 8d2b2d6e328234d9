import { Box, Divider, Tab, Tabs } from '@mui/material';
import type { ReactNode } from 'react';
import { useLocation, useSplatPathBase } from 'react-admin';
import { Link } from 'react-router-dom';

export interface RoutedTab {
  /** The tab's address below the page ('' for the first tab, 'services' for …/services). */
  path: string;
  label: string;
  content: ReactNode;
}

/**
 * A record page's tabs, each at its own address below the page (…/services, …/history), so a link or a save
 * elsewhere can come back to the right tab. An unknown address shows the first tab.
 */
export function RoutedTabs({ tabs, header }: { tabs: RoutedTab[]; header?: ReactNode }) {
  const base = useSplatPathBase();
  const { pathname } = useLocation();
  const rest = pathname.slice(base.length).replace(/^\/+/, '').split('/')[0] ?? '';
  const current = tabs.find((tab) => tab.path === rest) ?? tabs[0];
  if (!current) return null;
  return (
    <Box>
      {header}
      <Tabs value={current.path} sx={{ px: 2 }}>
        {tabs.map((tab) => (
          <Tab
            key={tab.path}
            value={tab.path}
            label={tab.label}
            component={Link}
            to={tab.path ? `${base}/${tab.path}` : base}
            replace
          />
        ))}
      </Tabs>
      <Divider />
      {current.content}
    </Box>
  );
}
