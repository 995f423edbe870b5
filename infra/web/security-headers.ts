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

/** HSTS: two years, subdomains included, eligible for the browsers' preload lists. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;
export const HSTS = `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains; preload`;
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=()';

export function pageSecurityHeaders(connectSrc: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(connectSrc),
    'strict-transport-security': HSTS,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
  };
}
