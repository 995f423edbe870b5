/**
 * The client's address as the edge reports it (issue 13 item 9): API Gateway's `sourceIp`, or — behind
 * CloudFront, where `sourceIp` is an edge server's — the viewer address header named by
 * CLIENT_ADDRESS_HEADER: in AWS `x-viewer-address`, which the edge's CloudFront Function sets from the
 * address CloudFront saw, overwriting whatever the client sent (infra/constructs/edge.ts); CloudFront's own
 * `CloudFront-Viewer-Address` (`ip:port`) is read alike. The stack sets the header only together with the
 * edge's origin secret (shared/http/origin.ts), so a request that went around the distribution, and could
 * choose the header's value, is refused (403) before this is read. An IPv6 client counts by its /64
 * prefix: one subscriber usually holds a whole /64, so counting single addresses would let it rotate past
 * every limit.
 */
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from '../config.js';

/**
 * The address of a viewer address header: as it is when it is an address (`x-viewer-address`, the edge's
 * own header, carries the IP only); else without the source port after the last colon
 * (`CloudFront-Viewer-Address`): `203.0.113.7:46532` → `203.0.113.7`; `2001:db8::1:46532` → `2001:db8::1`;
 * `[2001:db8::1]:46532` too.
 */
function withoutPort(value: string): string {
  if (isIP(value) !== 0) return value;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  return value.includes(':') ? value.slice(0, value.lastIndexOf(':')) : value;
}

/** The first four groups of an IPv6 address (its /64), lower case; other values as they are. */
export function clientKeyOf(address: string): string {
  const ip = address.trim().toLowerCase();
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The counting key of the request's client (see the module comment). */
export function clientAddress(event: APIGatewayProxyEventV2, header = config().CLIENT_ADDRESS_HEADER): string {
  const reported = header ? event.headers[header.toLowerCase()] : undefined;
  const raw = reported && reported.trim() !== '' ? withoutPort(reported.split(',')[0]!.trim()) : event.requestContext.http.sourceIp;
  return clientKeyOf(raw);
}
