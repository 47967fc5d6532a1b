import { createSecretKey, KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The HS256 signing key as a KeyObject, made once per secret. jsonwebtoken converts a string
 * secret on every sign and verify (first trying, and failing, to read it as a PEM key), which
 * costs more than the HMAC itself.
 */
export function jwtKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}
