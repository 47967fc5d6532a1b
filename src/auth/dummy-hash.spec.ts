import * as bcrypt from 'bcryptjs';
import { BCRYPT_ROUNDS } from '../users/users.service';
import { DUMMY_HASH } from './dummy-hash';

describe('DUMMY_HASH', () => {
  it('is a bcrypt hash at the cost real passwords get, so an unknown user costs the same', () => {
    expect(bcrypt.getRounds(DUMMY_HASH)).toBe(BCRYPT_ROUNDS);
    expect(bcrypt.getSalt(DUMMY_HASH)).toHaveLength(29);
  });

  it('matches no password a caller is likely to send', async () => {
    for (const guess of ['', 'password', 'not-a-real-password', 'demo-password']) {
      expect(await bcrypt.compare(guess, DUMMY_HASH)).toBe(false);
    }
  });
});
