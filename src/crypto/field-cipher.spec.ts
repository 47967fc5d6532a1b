import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { FieldCipher, decodeKey, generateKey, parseKeyRing } from './field-cipher';
import { InternalError } from './internal-error';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const hmacKey = randomBytes(32);
const cipherK1 = new FieldCipher({ k1 }, 'k1', hmacKey);
const cipherK2 = new FieldCipher({ k2, k1 }, 'k2', hmacKey);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return `${e.code} ${e.status}`;
    throw e;
  }
  return 'no error';
}

/** Re-encodes one part of a token after changing its bytes. */
function tamper(token: string, part: 2 | 3 | 4, byte = 0): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[byte % bytes.length] ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('FieldCipher', () => {
  it('round-trips any unicode string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        return cipherK1.decrypt(cipherK1.encrypt(s)) === s;
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        // lone surrogates are not valid UTF-8; everything else must come back unchanged
        const wellFormed = Buffer.from(s, 'utf8').toString('utf8');
        return cipherK2.decrypt(cipherK2.encrypt(wellFormed)) === wellFormed;
      }),
    );
  });

  it('round-trips the empty string and a long text', () => {
    expect(cipherK1.decrypt(cipherK1.encrypt(''))).toBe('');
    const long = 'Zoë Ó Súilleabháin — 😀 '.repeat(500);
    expect(cipherK1.decrypt(cipherK1.encrypt(long))).toBe(long);
  });

  it('writes v1.<keyId>.<iv>.<tag>.<ciphertext> with a 12-byte IV and no plaintext', () => {
    const token = cipherK2.encrypt('John Smith');
    const [version, keyId, iv, tag, ct] = token.split('.');
    expect(version).toBe('v1');
    expect(keyId).toBe('k2');
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ct, 'base64url')).toHaveLength('John Smith'.length);
    expect(token).not.toContain('John');
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('uses a different IV (and so a different token) each time, across IV pool refills', () => {
    // 600 values take IVs from three draws of the pool (256 IVs each)
    const tokens = Array.from({ length: 600 }, () => cipherK1.encrypt('same'));
    expect(new Set(tokens).size).toBe(600);
    expect(new Set(tokens.map((t) => t.split('.')[2])).size).toBe(600);
    for (const t of tokens) expect(cipherK1.decrypt(t)).toBe('same');
  });

  describe('tampering', () => {
    const token = cipherK1.encrypt('Mary Jane Doe, born 1980');

    it.each([
      ['iv', 2],
      ['tag', 3],
      ['ciphertext', 4],
    ] as const)('detects a changed %s', (_, part) => {
      expect(codeOf(() => cipherK1.decrypt(tamper(token, part)))).toBe('CRYPTO.DECRYPT_FAILED 500');
    });

    it('detects any single flipped bit in the ciphertext or tag', () => {
      fc.assert(
        fc.property(fc.constantFrom(3 as const, 4 as const), fc.nat(), (part, byte) => {
          return (
            codeOf(() => cipherK1.decrypt(tamper(token, part, byte))) ===
            'CRYPTO.DECRYPT_FAILED 500'
          );
        }),
      );
    });

    it('detects a token relabelled with another key id', () => {
      const relabelled = cipherK1.encrypt('x').replace('.k1.', '.k2.');
      expect(codeOf(() => cipherK2.decrypt(relabelled))).toBe('CRYPTO.DECRYPT_FAILED 500');
    });

    it.each([
      ['empty', ''],
      ['plaintext', 'John Smith'],
      ['too few parts', 'v1.k1.abc.def'],
      ['too many parts', `${token}.x`],
      ['other version', token.replace(/^v1/, 'v9')],
      ['non-canonical base64url', `${token.slice(0, -1)}=`],
      [
        'truncated tag',
        token
          .split('.')
          .map((p, i) => (i === 3 ? p.slice(0, 10) : p))
          .join('.'),
      ],
    ])('refuses a malformed token (%s)', (_, bad) => {
      expect(codeOf(() => cipherK1.decrypt(bad))).toBe('CRYPTO.DECRYPT_FAILED 500');
    });

    it('never puts the plaintext in the error message', () => {
      let caught: unknown;
      try {
        cipherK1.decrypt(tamper(token, 4));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InternalError);
      expect((caught as Error).message).not.toContain('Mary');
    });
  });

  describe('key rotation', () => {
    it('still decrypts a k1 token after k2 becomes current, and flags it for rotation', () => {
      const old = cipherK1.encrypt('Associate name');
      expect(cipherK2.decrypt(old)).toBe('Associate name');
      expect(cipherK2.needsRotation(old)).toBe(true);
      const rotated = cipherK2.encrypt(cipherK2.decrypt(old));
      expect(rotated.split('.')[1]).toBe('k2');
      expect(cipherK2.needsRotation(rotated)).toBe(false);
      expect(cipherK1.needsRotation(old)).toBe(false);
    });

    it('lists the ids of its ring, so a rotation pass knows when there is nothing older', () => {
      expect(cipherK1.keyIds).toEqual(['k1']);
      expect([...cipherK2.keyIds].sort()).toEqual(['k1', 'k2']);
    });

    it('fails with a coded error for an unknown key id', () => {
      const fromK2 = cipherK2.encrypt('secret');
      expect(codeOf(() => cipherK1.decrypt(fromK2))).toBe('CRYPTO.DECRYPT_FAILED 500');
      expect(() => cipherK1.decrypt(fromK2)).toThrow(/unknown key id "k2"/);
    });

    it('fails when a key id is reused for a different key', () => {
      const impostor = new FieldCipher({ k1: randomBytes(32) }, 'k1', hmacKey);
      expect(codeOf(() => impostor.decrypt(cipherK1.encrypt('x')))).toBe(
        'CRYPTO.DECRYPT_FAILED 500',
      );
    });

    it('keeps blind indexes stable across rotation', () => {
      fc.assert(fc.property(fc.string(), (s) => cipherK1.blindIndex(s) === cipherK2.blindIndex(s)));
    });
  });

  describe('blind index', () => {
    it('is HMAC-SHA256 hex, deterministic, and depends on the HMAC key', () => {
      const index = cipherK1.blindIndex('john smith|1980-01-01');
      expect(index).toMatch(/^[0-9a-f]{64}$/);
      expect(cipherK1.blindIndex('john smith|1980-01-01')).toBe(index);
      expect(cipherK1.blindIndex('john smith|1980-01-02')).not.toBe(index);
      const otherHmac = new FieldCipher({ k1 }, 'k1', randomBytes(32));
      expect(otherHmac.blindIndex('john smith|1980-01-01')).not.toBe(index);
    });

    it('gives different indexes for different values', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), (a, b) => {
          fc.pre(a !== b);
          return cipherK1.blindIndex(a) !== cipherK1.blindIndex(b);
        }),
      );
    });
  });

  it('handles null and undefined in the nullable variants', () => {
    expect(cipherK1.encryptNullable(null)).toBeNull();
    expect(cipherK1.encryptNullable(undefined)).toBeNull();
    expect(cipherK1.decryptNullable(null)).toBeNull();
    expect(cipherK1.decryptNullable(undefined)).toBeNull();
    expect(cipherK1.decryptNullable(cipherK1.encryptNullable('1980-01-01'))).toBe('1980-01-01');
    expect(cipherK1.decryptNullable(cipherK1.encryptNullable(''))).toBe('');
  });

  describe('construction', () => {
    it.each([
      ['a short key', () => new FieldCipher({ k1: randomBytes(16) }, 'k1', hmacKey)],
      ['a current id not in the ring', () => new FieldCipher({ k1 }, 'k9', hmacKey)],
      ['a key id with a dot', () => new FieldCipher({ 'k.1': k1 }, 'k.1', hmacKey)],
      ['a short HMAC key', () => new FieldCipher({ k1 }, 'k1', randomBytes(8))],
    ])('refuses %s', (_, make) => {
      expect(codeOf(make)).toBe('CRYPTO.INVALID_KEY 500');
    });

    it('is not affected by later changes to the buffers it was given', () => {
      const key = Buffer.from(k1);
      const c = new FieldCipher({ k1: key }, 'k1', hmacKey);
      const token = c.encrypt('x');
      key.fill(0);
      expect(c.decrypt(token)).toBe('x');
    });
  });
});

describe('parseKeyRing', () => {
  const b64 = (b: Buffer) => b.toString('base64');

  it('parses id:key pairs, the first being current', () => {
    const ring = parseKeyRing(`k2:${b64(k2)}, k1:${b64(k1)}`);
    expect(ring.currentKeyId).toBe('k2');
    expect(Object.keys(ring.keys).sort()).toEqual(['k1', 'k2']);
    expect(ring.keys.k1.equals(k1)).toBe(true);
    expect(ring.keys.k2.equals(k2)).toBe(true);
    const c = new FieldCipher(ring.keys, ring.currentKeyId, hmacKey);
    expect(c.decrypt(cipherK1.encrypt('ok'))).toBe('ok');
  });

  it('accepts base64url and unpadded keys', () => {
    const ring = parseKeyRing(`a:${k1.toString('base64url')}`);
    expect(ring.keys.a.equals(k1)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['no colon', b64(k1)],
    ['short key', `k1:${b64(randomBytes(16))}`],
    ['not base64', 'k1:not*base64!'],
    ['duplicate id', `k1:${b64(k1)},k1:${b64(k2)}`],
    ['bad id', `k 1:${b64(k1)}`],
  ])('refuses %s without echoing key material', (_, spec) => {
    try {
      parseKeyRing(spec);
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(InternalError);
      expect((e as InternalError).code).toBe('CRYPTO.INVALID_KEY');
      expect((e as Error).message).not.toContain(b64(k1));
    }
  });

  it('round-trips generated keys', () => {
    const spec = `new:${generateKey()},old:${generateKey()}`;
    const ring = parseKeyRing(spec);
    expect(ring.currentKeyId).toBe('new');
    expect(decodeKey(generateKey(), 'hmac')).toHaveLength(32);
  });
});
