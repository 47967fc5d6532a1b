import {
  assertNotOwnCase,
  assertNotOwnDeclaration,
  assertNotSelfAdministration,
  isSelf,
} from './separation-of-duties';

const me = { id: 'u1', personId: 'p1' };

describe('separation of duties', () => {
  it('recognises the caller by account or by register entry', () => {
    expect(isSelf(me, { userId: 'u1' })).toBe(true);
    expect(isSelf(me, { personId: 'p1' })).toBe(true);
    expect(isSelf(me, { userId: 'u2', personId: 'p2' })).toBe(false);
    expect(isSelf({ id: 'u3', personId: null }, { personId: null })).toBe(false);
  });

  it('refuses a case about oneself, and no one else', () => {
    expect(() => assertNotOwnCase(me, 'p1')).toThrow(
      expect.objectContaining({ code: 'CASE.SELF', status: 403 }),
    );
    expect(() => assertNotOwnCase(me, 'p2')).not.toThrow();
    expect(() => assertNotOwnCase(null, 'p1')).not.toThrow();
  });

  it("refuses the vetting unit's action on its own declaration with the action's code", () => {
    expect(() =>
      assertNotOwnDeclaration(me, { userId: 'u1', personId: 'p1' }, 'DECLARATION.SELF_ASSESSMENT'),
    ).toThrow(expect.objectContaining({ code: 'DECLARATION.SELF_ASSESSMENT', status: 403 }));
    expect(() => assertNotOwnDeclaration(me, { userId: 'u9', personId: 'p9' }, 'X')).not.toThrow();
  });

  it('refuses self-granting and self-disabling, but not a password change or others', () => {
    expect(() => assertNotSelfAdministration('u1', 'u1', { roles: ['ADMIN'] })).toThrow(
      expect.objectContaining({ code: 'USER.SELF_GRANT' }),
    );
    expect(() => assertNotSelfAdministration('u1', 'u1', { disabled: true })).toThrow(
      expect.objectContaining({ code: 'USER.SELF_DISABLE' }),
    );
    expect(() => assertNotSelfAdministration('u1', 'u1', { disabled: false })).not.toThrow();
    expect(() =>
      assertNotSelfAdministration('u1', 'u2', { roles: ['ADMIN'], disabled: true }),
    ).not.toThrow();
  });
});
