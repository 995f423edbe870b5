/**
 * The client's address as the edge reports it (issue 13 item 9): API Gateway's sourceIp, or the configured
 * viewer-address header when CloudFront stands in front; IPv6 clients counted by their /64.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientKeyOf } from '../../../shared/http/client-address.js';

function event(sourceIp: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return { headers, requestContext: { http: { sourceIp } } } as unknown as APIGatewayProxyEventV2;
}

describe('clientAddress', () => {
  it('without a configured header: sourceIp, whatever headers a client sends', () => {
    expect(clientAddress(event('203.0.113.7', { 'cloudfront-viewer-address': '198.51.100.1:443', 'x-forwarded-for': '10.0.0.1' }), undefined)).toBe('203.0.113.7');
  });

  it('behind CloudFront: the viewer address without its port, not the edge server in sourceIp', () => {
    const header = 'cloudfront-viewer-address';
    expect(clientAddress(event('130.176.1.1', { [header]: '198.51.100.10:46532' }), header)).toBe('198.51.100.10');
    expect(clientAddress(event('130.176.1.1', { [header]: '2001:db8:abcd:12:1:2:3:4:46532' }), header)).toBe('2001:db8:abcd:12::/64');
    expect(clientAddress(event('130.176.1.1', { [header]: '[2001:db8::1]:46532' }), header)).toBe('2001:db8:0:0::/64');
    // The header missing (a request that did not come through the distribution): sourceIp.
    expect(clientAddress(event('130.176.1.1'), header)).toBe('130.176.1.1');
  });

  it("behind this deployment's edge: x-viewer-address, the IP alone, IPv6 too (#13)", () => {
    const header = 'x-viewer-address';
    expect(clientAddress(event('130.176.1.1', { [header]: '198.51.100.10' }), header)).toBe('198.51.100.10');
    expect(clientAddress(event('130.176.1.1', { [header]: '2001:db8::1' }), header)).toBe('2001:db8:0:0::/64');
    expect(clientAddress(event('130.176.1.1', { [header]: '2001:db8:abcd:12::5' }), header)).toBe('2001:db8:abcd:12::/64');
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    expect(clientKeyOf('2001:DB8:ABCD:0012:0000:0000:0000:0001')).toBe('2001:db8:abcd:12::/64');
    expect(clientKeyOf('2001:db8:abcd:12::ffff')).toBe('2001:db8:abcd:12::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('192.0.2.1')).toBe('192.0.2.1');
  });
});
