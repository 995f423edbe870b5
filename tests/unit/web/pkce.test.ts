/**
 * The officers' PKCE helper (web/src/lib/pkce.ts) against RFC 7636 Appendix B, the S256 example: the
 * verifier from the appendix's 32 octets, and its challenge.
 */
import { describe, expect, it } from 'vitest';
import { base64url, codeChallenge, codeVerifier } from '../../../web/src/lib/pkce.js';

/** RFC 7636 Appendix B: the 32 random octets of the example. */
const OCTETS = new Uint8Array([
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
]);
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE (RFC 7636)', () => {
  it('makes the verifier of Appendix B from its octets', () => {
    expect(codeVerifier(OCTETS)).toBe(VERIFIER);
  });

  it('makes the S256 challenge of Appendix B', async () => {
    expect(await codeChallenge(VERIFIER)).toBe(CHALLENGE);
  });

  it('makes a fresh 43-character verifier each time, of unreserved characters only', () => {
    const a = codeVerifier();
    const b = codeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('encodes base64url without padding, with - and _ for + and /', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([]))).toBe('');
  });

  it('refuses a verifier the RFC does not allow (too short, or a reserved character)', async () => {
    await expect(codeChallenge('short')).rejects.toThrow(/43–128/);
    await expect(codeChallenge(`${VERIFIER}+`)).rejects.toThrow(/43–128/);
  });
});
