import { isUUID } from 'class-validator';
import { newRowId } from './ids';

describe('newRowId', () => {
  it('gives UUIDs that every id check accepts, each greater than the one before', () => {
    const ids = Array.from({ length: 5000 }, () => newRowId());
    expect(ids.every((id) => isUUID(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // Ordered as created (within a millisecond too), so inserts append to the indexes.
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts with the creation time in milliseconds', () => {
    const before = Date.now();
    const id = newRowId();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
