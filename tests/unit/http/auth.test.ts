/**
 * Claims follow the identity provider (issue 13, item 4): the caller's agency and groups are read from the
 * claim names of the configured provider only — a token cannot pick the claim that decides its agency.
 */
import { describe, expect, it } from 'vitest';
import { config } from '../../../shared/config.js';
import { claimNames, claimsToCaller } from '../../../shared/http/auth.js';

const cognito = claimNames(config({ IDENTITY_PROVIDER: 'cognito' }));
const oidc = claimNames(config({}));
const renamed = claimNames(config({ IDENTITY_PROVIDER: 'oidc', OIDC_AGENCY_CLAIM: 'org_code', OIDC_GROUPS_CLAIM: 'roles' }));

describe('claim names per provider', () => {
  it('Cognito: custom:agencyId and cognito:groups; OIDC: the configured names (agencyId and groups by default)', () => {
    expect(cognito).toEqual({ agencyId: 'custom:agencyId', groups: 'cognito:groups' });
    expect(oidc).toEqual({ agencyId: 'agencyId', groups: 'groups' });
    expect(renamed).toEqual({ agencyId: 'org_code', groups: 'roles' });
  });

  it("Cognito: a plain agencyId or groups claim is not read, even next to Cognito's own", () => {
    expect(claimsToCaller({ sub: 's', agencyId: 'jz', groups: ['supervisor'] }, cognito)).toBeUndefined();
    expect(claimsToCaller({ sub: 's', 'custom:agencyId': 'jz-zjj', agencyId: 'jz', 'cognito:groups': '[officer]', groups: ['supervisor'] }, cognito)).toEqual({
      sub: 's',
      name: 's',
      agencyId: 'jz-zjj',
      roles: ['officer'],
    });
  });

  it("OIDC: Cognito's claim names are not read", () => {
    expect(claimsToCaller({ sub: 's', 'custom:agencyId': 'jz', 'cognito:groups': ['supervisor'] }, oidc)).toBeUndefined();
    expect(claimsToCaller({ sub: 's', agencyId: 'jz-zjj', 'custom:agencyId': 'jz', groups: ['officer'], 'cognito:groups': ['supervisor'] }, oidc)).toMatchObject({
      agencyId: 'jz-zjj',
      roles: ['officer'],
    });
    expect(claimsToCaller({ sub: 's', org_code: 'jz', roles: 'supervisor', agencyId: 'hz', groups: ['admin'] }, renamed)).toMatchObject({
      agencyId: 'jz',
      roles: ['supervisor'],
    });
  });

  it('the platform group needs no agency; a tenant role does', () => {
    expect(claimsToCaller({ sub: 'p', groups: ['platform'] }, oidc)).toEqual({ sub: 'p', name: 'p', agencyId: null, roles: ['platform'] });
    // A platform administrator's stray agency claim gives it no agency.
    expect(claimsToCaller({ sub: 'p', agencyId: 'jz', groups: ['platform'] }, oidc)?.agencyId).toBeNull();
    expect(claimsToCaller({ sub: 'p', groups: ['platform', 'officer'] }, oidc)).toBeUndefined();
    expect(claimsToCaller({ sub: 'o', groups: ['officer'] }, oidc)).toBeUndefined();
  });
});
