/** The calculator beside its result on wide screens; the form needs room for long numbers. */
export const TWO_COLUMNS = {
  display: 'grid',
  gridTemplateColumns: { xs: '1fr', lg: 'minmax(440px, 5fr) minmax(0, 6fr)' },
  gap: 4,
} as const;
