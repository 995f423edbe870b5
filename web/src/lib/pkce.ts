/**
 * Proof Key for Code Exchange (RFC 7636) for the officers' sign-in: a code verifier of 32 random octets in
 * base64url (43 characters, §4.1), and its S256 challenge, BASE64URL(SHA-256(ASCII(verifier))) (§4.2).
 * Pure functions over Web Crypto, so the unit test runs them on the RFC's own example (Appendix B).
 */

/** Base64url without padding (RFC 7636 Appendix A). */
export function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A verifier from the given octets (default: 32 from the platform's CSPRNG). */
export function codeVerifier(octets: Uint8Array = crypto.getRandomValues(new Uint8Array(32))): string {
  return base64url(octets);
}

/** The S256 code challenge of a verifier. */
export async function codeChallenge(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new Error('A code verifier is 43–128 unreserved characters (RFC 7636 §4.1)');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
