import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * The HS256 signing key as a KeyObject. jsonwebtoken converts a string secret on every sign and
 * verify (first trying, and failing, to read it as a PEM key), which costs more than the HMAC
 * itself; a KeyObject is used as it is. Made once at start by each user of the secret.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
