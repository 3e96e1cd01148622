/** The first 12 hex digits of a token's SHA-256: enough to show that a token changed,
 * without putting the token itself on the page. */
export async function fingerprint(token: string): Promise<string> {
  if (!token) return "(none)";
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest).slice(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
}
