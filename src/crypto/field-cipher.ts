/**
 * Application-level encryption of personal fields (associate names, dates of birth,
 * circumstances), so a database dump alone reveals nothing, plus blind indexes for matching.
 *
 * Token: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), AES-256-GCM with a fresh random
 * 12-byte IV per value. The version and key id are bound in as additional authenticated data,
 * so a token cannot be relabelled. Keys are held in a ring by id: new values use the current key,
 * old tokens decrypt with the key they name, and `needsRotation` finds those to re-encrypt.
 *
 * Blind index: HMAC-SHA256 with a separate key, independent of the encryption keys, so it stays
 * stable when those rotate (rotating the HMAC key means recomputing every index).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { InternalError } from './internal-error';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_HMAC_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** IVs drawn from the CSPRNG per refill (one call instead of one per value). */
const IVS_PER_DRAW = 256;

export const DECRYPT_FAILED = 'CRYPTO.DECRYPT_FAILED';
export const INVALID_KEY = 'CRYPTO.INVALID_KEY';

function decryptFailed(reason: string): InternalError {
  return new InternalError(DECRYPT_FAILED, `Cannot decrypt field: ${reason}`);
}

function invalidKey(reason: string): InternalError {
  return new InternalError(INVALID_KEY, `Invalid encryption key configuration: ${reason}`);
}

/** Strict base64url: anything that does not re-encode to itself is refused, not silently fixed. */
function fromB64url(part: string, what: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw decryptFailed(`malformed ${what}`);
  return bytes;
}

export class FieldCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  /** Random bytes not yet used as an IV; each IV is used once, then the pool is redrawn. */
  private ivPool = Buffer.alloc(0);
  private ivNext = 0;

  constructor(
    keys: Record<string, Buffer>,
    readonly currentKeyId: string,
    private readonly hmacKey: Buffer,
  ) {
    const entries = Object.entries(keys);
    for (const [id, key] of entries) {
      if (!KEY_ID.test(id)) throw invalidKey(`key id "${id}" must match ${KEY_ID.source}`);
      if (key.length !== KEY_BYTES) throw invalidKey(`key ${id} must be ${KEY_BYTES} bytes`);
    }
    if (!keys[currentKeyId])
      throw invalidKey(`current key id "${currentKeyId}" is not in the ring`);
    if (hmacKey.length < MIN_HMAC_KEY_BYTES) {
      throw invalidKey(`the blind-index key must be at least ${MIN_HMAC_KEY_BYTES} bytes`);
    }
    // copies, so a caller zeroing or reusing its buffers cannot change ours
    this.keys = new Map(entries.map(([id, key]) => [id, Buffer.from(key)]));
    this.hmacKey = Buffer.from(hmacKey);
  }

  encrypt(plain: string): string {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = this.nextIv();
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}.${this.currentKeyId}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      this.currentKeyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  /**
   * The next fresh random IV. Drawn from the CSPRNG in blocks, each 12-byte slice handed out
   * once; a new block is a new buffer, so an IV already handed out never changes.
   */
  private nextIv(): Buffer {
    if (this.ivNext + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomBytes(IV_BYTES * IVS_PER_DRAW);
      this.ivNext = 0;
    }
    const iv = this.ivPool.subarray(this.ivNext, this.ivNext + IV_BYTES);
    this.ivNext += IV_BYTES;
    return iv;
  }

  /** Throws InternalError `CRYPTO.DECRYPT_FAILED` for a malformed, tampered or unknown-key token. */
  decrypt(token: string): string {
    const { keyId, iv, tag, ciphertext } = this.parse(token);
    const key = this.keys.get(keyId);
    if (!key) throw decryptFailed(`unknown key id "${keyId}"`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw decryptFailed(`authentication failed (key id "${keyId}")`);
    }
  }

  encryptNullable(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined ? null : this.encrypt(plain);
  }

  decryptNullable(token: string | null | undefined): string | null {
    return token === null || token === undefined ? null : this.decrypt(token);
  }

  /** The ids of the keys in the ring (the current one among them). */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** True when the token was made with a key other than the current one (re-encrypt it). */
  needsRotation(token: string): boolean {
    return this.parse(token).keyId !== this.currentKeyId;
  }

  /** HMAC-SHA256 (hex) of the value: equal inputs give equal indexes, whatever the key ring. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.hmacKey).update(value, 'utf8').digest('hex');
  }

  private parse(token: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
    if (typeof token !== 'string') throw decryptFailed('not a token');
    const parts = token.split('.');
    if (parts.length !== 5) throw decryptFailed('malformed token');
    const [version, keyId, ivPart, tagPart, ctPart] = parts;
    if (version !== VERSION) throw decryptFailed(`unsupported version "${version.slice(0, 8)}"`);
    if (!KEY_ID.test(keyId)) throw decryptFailed('malformed key id');
    const iv = fromB64url(ivPart, 'iv');
    const tag = fromB64url(tagPart, 'tag');
    const ciphertext = fromB64url(ctPart, 'ciphertext');
    if (iv.length !== IV_BYTES) throw decryptFailed('bad iv length');
    if (tag.length !== TAG_BYTES) throw decryptFailed('bad tag length');
    return { keyId, iv, tag, ciphertext };
  }
}

/** Decodes one base64 (or base64url) key, refusing anything but exactly `bytes` bytes. */
export function decodeKey(encoded: string, label: string, bytes = KEY_BYTES): Buffer {
  const text = encoded.trim();
  const key = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
  const canonical = /[-_]/.test(text)
    ? key.toString('base64url')
    : key.toString('base64').replace(/=+$/, '');
  if (text.replace(/=+$/, '') !== canonical || key.length !== bytes) {
    throw invalidKey(`${label} must be ${bytes} bytes of base64`);
  }
  return key;
}

/**
 * Parses a key ring spec `k2:BASE64KEY,k1:BASE64KEY`: id:key pairs, the first is current.
 * Errors name the id or the position, never the key.
 */
export function parseKeyRing(spec: string): {
  keys: Record<string, Buffer>;
  currentKeyId: string;
} {
  const entries = spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw invalidKey('the key ring is empty');
  const keys: Record<string, Buffer> = {};
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    if (colon < 0) throw invalidKey(`entry ${i + 1} is not "id:base64key"`);
    const id = entry.slice(0, colon).trim();
    if (!KEY_ID.test(id)) throw invalidKey(`entry ${i + 1} has an invalid key id`);
    if (id in keys) throw invalidKey(`key id "${id}" appears twice`);
    keys[id] = decodeKey(entry.slice(colon + 1), `key "${id}"`);
  });
  return { keys, currentKeyId: entries[0].slice(0, entries[0].indexOf(':')).trim() };
}

/** A fresh random 32-byte key, base64: for the embedded demo's generated key file. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
