/** Posts an IOM Order 2.x body to the order intake as ICM does (Bearer token), and expects it taken. */
export async function postToIntake(
  baseUrl: string,
  token: string,
  channelId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/channels/${encodeURIComponent(channelId)}/orders`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 202)
    throw new Error(`The intake answered ${response.status}: ${await response.text()}`);
}
