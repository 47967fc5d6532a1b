import { DomainError } from '../../common/domain-error';
import { LIST_STATUS_TRANSITIONS, assertListStatusTransition } from './list-report';
import { LIST_STATUSES, LIST_TYPES } from './vocabulary';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('list report statuses', () => {
  const legal = new Set([
    'BARRED:PENDING>REPORTED',
    'BARRED:REPORTED>ON_LIST',
    'BARRED:REPORTED>REMOVED',
    'BARRED:ON_LIST>REMOVED',
    'ADVISORY:PENDING>REPORTED',
    'ADVISORY:REPORTED>ON_LIST',
    'ADVISORY:REPORTED>REMOVED',
    'ADVISORY:REPORTED>CONVERTED_TO_BARRED',
    'ADVISORY:ON_LIST>REMOVED',
    'ADVISORY:ON_LIST>CONVERTED_TO_BARRED',
  ]);
  const grid = LIST_TYPES.flatMap((list) =>
    LIST_STATUSES.flatMap((from) => LIST_STATUSES.map((to) => [list, from, to] as const)),
  );

  it.each(grid)('%s %s → %s', (list, from, to) => {
    expect(codeOf(() => assertListStatusTransition(list, from, to))).toBe(
      legal.has(`${list}:${from}>${to}`) ? undefined : 'LIST_REPORT.INVALID_STATUS_TRANSITION',
    );
  });

  it('only an advisory entry can be converted to barred', () => {
    for (const from of LIST_STATUSES) {
      expect(LIST_STATUS_TRANSITIONS.BARRED[from]).not.toContain('CONVERTED_TO_BARRED');
    }
  });
});
