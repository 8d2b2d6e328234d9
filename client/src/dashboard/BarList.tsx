import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface BarItem {
  key: string;
  label: ReactNode;
  value: number;
  color?: string;
  /** Where a click leads (the exports list, filtered). */
  to?: string;
}

/** Labelled horizontal bars, longest first as given; a bar with `to` is a link. */
export function BarList({ items, empty }: { items: BarItem[]; empty: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  if (items.every((i) => i.value === 0))
    return (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  return (
    <Stack sx={{ gap: 0.75 }} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => {
        const row = (
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: 'minmax(0, 1fr) auto',
              columnGap: 1,
              alignItems: 'center',
            }}
          >
            <Typography
              variant="body2"
              noWrap
              title={typeof item.label === 'string' ? item.label : undefined}
            >
              {item.label}
            </Typography>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {item.value.toLocaleString('en')}
            </Typography>
            <Box sx={{ gridColumn: '1 / -1', height: 6, bgcolor: 'action.hover', borderRadius: 1 }}>
              <Box
                sx={{
                  width: `${(item.value / max) * 100}%`,
                  height: '100%',
                  borderRadius: 1,
                  bgcolor: item.color ?? 'primary.main',
                }}
              />
            </Box>
          </Box>
        );
        return (
          <li key={item.key}>
            {item.to ? (
              <Box
                component={Link}
                to={item.to}
                sx={{
                  color: 'inherit',
                  textDecoration: 'none',
                  display: 'block',
                  '&:hover': { bgcolor: 'action.hover' },
                }}
              >
                {row}
              </Box>
            ) : (
              row
            )}
          </li>
        );
      })}
    </Stack>
  );
}
