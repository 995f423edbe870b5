/**
 * Local tokens: the local server plays API Gateway's JWT authorizer with a key pair it creates under
 * .data/ on first start (ES256). `npm start` prints tokens for the demo agencies and `npm run token`
 * mints one for any agency. Only ES256 tokens signed by this key, unexpired, with our issuer and
 * audience, are accepted (no `alg: none`, no other key).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { TokenVerifier } from './server.js';
import type { Role } from '../../shared/caller.js';

export const LOCAL_ISSUER = 'https://gongkai.local/issuer';
export const LOCAL_AUDIENCE = 'gongkai';
const ALG = 'ES256';

export interface LocalKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** Loads the key pair from `file`, creating it (mode 600) on first use. */
export async function loadOrCreateLocalKey(file: string): Promise<LocalKey> {
  if (existsSync(file)) {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const { d: _d, ...publicJwk } = jwk;
    return {
      privateKey: (await importJWK(jwk, ALG)) as CryptoKey,
      publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
    };
  }
  const pair = await generateKeyPair(ALG, { extractable: true });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
  return pair;
}

/** An in-memory key pair (tests). */
export async function ephemeralKey(): Promise<LocalKey> {
  return generateKeyPair(ALG, { extractable: true });
}

export interface TokenClaims {
  sub: string;
  name: string;
  /** null: no agency claim (the platform administrator has no agency of its own). */
  agencyId: string | null;
  roles: Role[];
}

export async function mintToken(key: LocalKey, claims: TokenClaims, ttlSeconds = 12 * 60 * 60): Promise<string> {
  return new SignJWT({ name: claims.name, ...(claims.agencyId === null ? {} : { agencyId: claims.agencyId }), groups: claims.roles })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key.privateKey);
}

export function localVerifier(key: LocalKey): TokenVerifier {
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: [ALG],
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch {
      return undefined;
    }
  };
}
