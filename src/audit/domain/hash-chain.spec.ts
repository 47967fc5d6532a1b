import fc from 'fast-check';
import { ChainVerifier, chainHash, canonicalJson, GENESIS_HASH, StoredLink } from './hash-chain';

function buildChain(n: number): StoredLink[] {
  const links: StoredLink[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      seq: i,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorId: null,
      actorUsername: 'auditor1',
      actorRoles: ['AUDITOR'],
      action: 'PERSON.READ',
      entityType: 'person',
      entityId: String(i),
      ip: '127.0.0.1',
      requestId: null,
      details: { b: 1, a: [1, 2] },
    };
    const hash = chainHash(prev, fields);
    links.push({ ...fields, chainPos: i, prevHash: prev, hash });
    prev = hash;
  }
  return links;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(
      canonicalJson({ a: { c: 3, d: 2 }, b: 1 }),
    );
  });

  it('verifies an intact chain', () => {
    const v = new ChainVerifier();
    buildChain(20).forEach((l) => v.push(l));
    expect(v.result()).toMatchObject({ ok: true, checked: 20, lastSeq: 20 });
  });

  it('an empty trail is intact', () => {
    expect(new ChainVerifier().result()).toMatchObject({ ok: true, checked: 0, lastSeq: null });
  });

  it('finds the first tampered link whatever field is edited', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom('action', 'entityId', 'actorUsername', 'occurredAt', 'details'),
        (at, field) => {
          const links = buildChain(15);
          const target = links[at - 1] as unknown as Record<string, unknown>;
          target[field] = field === 'details' ? { b: 2 } : 'tampered';
          const v = new ChainVerifier();
          links.forEach((l) => v.push(l));
          expect(v.result()).toMatchObject({
            ok: false,
            firstBrokenSeq: at,
            reason: 'HASH_MISMATCH',
          });
        },
      ),
    );
  });

  it('detects a deleted link as a sequence gap', () => {
    const links = buildChain(5);
    links.splice(2, 1);
    const v = new ChainVerifier();
    links.forEach((l) => v.push(l));
    expect(v.result()).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'SEQUENCE_GAP' });
  });

  it('detects a re-hashed link by its successor', () => {
    const links = buildChain(5);
    links[1].action = 'FORGED';
    links[1].hash = chainHash(links[1].prevHash, links[1]);
    const v = new ChainVerifier();
    links.forEach((l) => v.push(l));
    expect(v.result()).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'PREV_HASH_MISMATCH',
    });
  });
});
