import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../providers/trpc.ts';
import type { CatalogueEntry } from '../providers/types.ts';

/** The service catalogue; it only changes with a new release, so it is fetched once per page load. */
export function useCatalogue() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.services.catalogue.queryOptions(), staleTime: Infinity });
}

export const entryOf = (catalogue: CatalogueEntry[] | undefined, type: unknown) =>
  catalogue?.find((e) => e.type === type);

/** "IOM Order Export Service" for "order-export"; the type itself when unknown. */
export const labelOf = (catalogue: CatalogueEntry[] | undefined, type: string | null | undefined) =>
  (type && entryOf(catalogue, type)?.label) ?? type ?? '';
