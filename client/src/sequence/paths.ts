/** Where a negotiation's page lives (the `sequence` resource's show route). */
export const negotiationPath = (id: string) => `/sequence/${encodeURIComponent(id)}/show`;
