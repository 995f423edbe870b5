/**
 * The pages' security headers, one definition for the local server and the CloudFront response headers
 * policy: a CSP without inline script or style (the pages load one module and one stylesheet from their
 * own origin), no framing, HSTS, no referrer, no MIME sniffing. `connectSrc` adds the identity provider's
 * token endpoint in AWS (the PKCE code exchange is a fetch from the page).
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${connectSrc.map((src) => ` ${src}`).join('')}`,
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export const HSTS = 'max-age=63072000; includeSubDomains; preload';

export function pageSecurityHeaders(connectSrc: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(connectSrc),
    'strict-transport-security': HSTS,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cross-origin-opener-policy': 'same-origin',
  };
}
