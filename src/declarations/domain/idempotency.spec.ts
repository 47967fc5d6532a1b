import { idempotencyKeyProblem, requestDigest } from './idempotency';

describe('idempotency keys', () => {
  it('accepts UUIDs, ULIDs and prefixed keys', () => {
    expect(idempotencyKeyProblem('3f1c2a9e-8d4b-4c1e-9f2a-6b7c8d9e0f1a')).toBeNull();
    expect(idempotencyKeyProblem('01JD3V8XQ2K7M9N4P6R8T0W2Y4')).toBeNull();
    expect(idempotencyKeyProblem('web:declare:42:attempt')).toBeNull();
    expect(idempotencyKeyProblem('x'.repeat(255))).toBeNull();
  });

  it('refuses keys too short, too long, with spaces, control characters or non-ASCII', () => {
    for (const key of [
      '',
      'short',
      'x'.repeat(256),
      'has a space',
      'tab\there!',
      'naïve-key-1',
      'line\nbreak1',
    ]) {
      expect(idempotencyKeyProblem(key)).toMatch(/Idempotency-Key must be/);
    }
  });
});

describe('requestDigest', () => {
  const body = {
    becameAwareOn: '2026-01-10',
    associates: [{ fullName: 'Sam Lee', reasons: ['OTHER'], current: true }],
  };

  it('is the same whatever the order of object keys', () => {
    const reordered = {
      associates: [{ current: true, reasons: ['OTHER'], fullName: 'Sam Lee' }],
      becameAwareOn: '2026-01-10',
    };
    expect(requestDigest(reordered)).toBe(requestDigest(body));
  });

  it('differs when any value, or the order of an array, differs', () => {
    const digest = requestDigest(body);
    expect(requestDigest({ ...body, becameAwareOn: '2026-01-11' })).not.toBe(digest);
    expect(
      requestDigest({ ...body, associates: [{ ...body.associates[0], current: false }] }),
    ).not.toBe(digest);
    const two = [{ fullName: 'A B' }, { fullName: 'C D' }];
    expect(requestDigest({ associates: two })).not.toBe(
      requestDigest({ associates: [...two].reverse() }),
    );
  });

  it('treats an absent field and an undefined one alike, and a null one as a value', () => {
    expect(requestDigest({ a: 1, b: undefined })).toBe(requestDigest({ a: 1 }));
    expect(requestDigest({ a: 1, b: null })).not.toBe(requestDigest({ a: 1 }));
  });
});
