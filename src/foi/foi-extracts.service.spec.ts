import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ExtractType } from './extract-definitions';
import { ExtractChecksum, extractChecksum } from './foi-extracts.service';

/** The checksum as it was first defined: one JSON text of everything published, hashed at once. */
function wholeTextChecksum(
  definition: { type: ExtractType; from: number; to: number; options: object },
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const canonical = JSON.stringify({
    type: definition.type,
    from: definition.from,
    to: definition.to,
    options: Object.fromEntries(Object.entries(definition.options).sort()),
    columns,
    rows,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

describe('extract checksum', () => {
  it('hashing row by row gives the checksum of the whole serialised extract', () => {
    const cell = fc.oneof(fc.string(), fc.integer(), fc.constantFrom('*', '<5', 'Total', '"é,\n'));
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 300 }),
        fc.boolean(),
        (columns, rows, withOptions) => {
          const definition = {
            type: 'DECLARATION_NATURE' as const,
            from: 2015,
            to: 2026,
            options: withOptions ? { riskLevels: ['HIGH' as const, 'LOW' as const] } : {},
          };
          const expected = wholeTextChecksum(definition, columns, rows);
          expect(extractChecksum(definition, columns, rows)).toBe(expected);
          const incremental = new ExtractChecksum(definition, columns);
          for (const row of rows) incremental.addRow(JSON.stringify(row));
          expect(incremental.digest()).toBe(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('stays the same across the internal flush of long texts', () => {
    const definition = { type: 'CONVICTIONS' as const, from: 2015, to: 2026, options: {} };
    const rows = Array.from({ length: 5000 }, (_, i) => ['2020', `Row ${i % 7}`, i]);
    expect(extractChecksum(definition, ['Year', 'Label', 'n'], rows)).toBe(
      wholeTextChecksum(definition, ['Year', 'Label', 'n'], rows),
    );
  });
});
