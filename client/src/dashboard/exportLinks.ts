/** The exports list with a filter set (and its inputs shown), as react-admin reads it from the address. */
export function exportsListPath(filter: Record<string, string | undefined>): string {
  const given = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''));
  const shown = Object.fromEntries(Object.keys(given).map((k) => [k, true]));
  const query = new URLSearchParams({
    filter: JSON.stringify(given),
    displayedFilters: JSON.stringify(shown),
  });
  return `/exports?${query.toString()}`;
}
