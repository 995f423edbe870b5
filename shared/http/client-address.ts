/**
 * The client's address as the edge reports it (issue 13 item 9): API Gateway's `sourceIp`, or — behind
 * CloudFront, where `sourceIp` is an edge server's — the viewer address header CloudFront adds
 * (`CloudFront-Viewer-Address`, `ip:port`), named by CLIENT_ADDRESS_HEADER. The header is trusted only
 * when configured, which is right only when the API cannot be reached around the distribution (the
 * `execute-api` endpoint disabled). An IPv6 client counts by its /64 prefix: one subscriber usually holds
 * a whole /64, so counting single addresses would let it rotate past every limit.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from '../config.js';

/**
 * The address of a viewer address header, which always carries the source port after the last colon:
 * `203.0.113.7:46532` → `203.0.113.7`; `2001:db8::1:46532` → `2001:db8::1`; `[2001:db8::1]:46532` too.
 */
function withoutPort(value: string): string {
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
