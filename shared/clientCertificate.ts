/** A client certificate expiring within this many days is a warning, like IOM's own server certificate. */
export const CLIENT_CERTIFICATE_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** "CN=switchboard, O=Example, expires 2027-03-01": what the form and the service row show. Pure. */
export function clientCertificateSummary(subject: string | null, expiresAt: Date | null): string {
  return `${subject ?? 'a client certificate'}${expiresAt ? `, expires ${day(expiresAt)}` : ''}`;
}

/** Whole days from `now` until `expiresAt`; negative once expired. */
export const daysUntil = (expiresAt: Date, now: Date) =>
  Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS);

/**
 * The warning a stored client certificate earns: expired, or expiring within 30 days; null otherwise (and
 * without a certificate). Pure.
 */
export function clientCertificateWarning(expiresAt: Date | null, now: Date): string | null {
  if (!expiresAt) return null;
  const days = daysUntil(expiresAt, now);
  if (expiresAt.getTime() <= now.getTime())
    return `The client certificate expired on ${day(expiresAt)}: IOM refuses the connection. Replace it with the one IOM's operators issue next.`;
  if (days > CLIENT_CERTIFICATE_WARNING_DAYS) return null;
  return `The client certificate expires ${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`} (${day(expiresAt)}): ask IOM's operators for a new one and replace it before then.`;
}
