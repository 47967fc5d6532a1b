import fc from 'fast-check';
import { pgArray } from './bulk';

/**
 * Reads a one-dimensional PostgreSQL array literal whose elements are all double-quoted, as
 * PostgreSQL's array input does: inside quotes a backslash takes the next character literally.
 * Anything else (an unquoted element, a stray character) is refused.
 */
function readArrayLiteral(literal: string): string[] {
  let i = 0;
  const expectChar = (c: string) => {
    if (literal[i] !== c) throw new Error(`expected ${c} at ${i} in ${literal}`);
    i++;
  };
  expectChar('{');
  const out: string[] = [];
  if (literal[i] === '}') {
    i++;
  } else {
    for (;;) {
      expectChar('"');
      let value = '';
      while (literal[i] !== '"') {
        if (i >= literal.length) throw new Error(`unterminated element in ${literal}`);
        if (literal[i] === '\\') i++;
        value += literal[i];
        i++;
      }
      i++;
      out.push(value);
      if (literal[i] === ',') {
        i++;
        continue;
      }
      expectChar('}');
      break;
    }
  }
  if (i !== literal.length) throw new Error(`trailing characters in ${literal}`);
  return out;
}

/** Any character, with the ones that matter to an array literal drawn often. */
const character = fc.oneof(
  fc.constantFrom('"', '\\', ',', '{', '}', ' ', 'NULL'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);

describe('pgArray', () => {
  it('writes an empty list as {}', () => {
    expect(pgArray([])).toBe('{}');
  });

  it('double-quotes every element', () => {
    expect(pgArray(['REPORT_CHANGES', 'RESTRICT_POSTING'])).toBe(
      '{"REPORT_CHANGES","RESTRICT_POSTING"}',
    );
  });

  it('escapes double quotes and backslashes with a backslash', () => {
    expect(pgArray(['say "no"'])).toBe('{"say \\"no\\""}');
    expect(pgArray(['C:\\temp'])).toBe('{"C:\\\\temp"}');
    expect(pgArray(['\\"'])).toBe('{"\\\\\\""}');
  });

  it('keeps commas, braces, spaces and the word NULL inside one text element', () => {
    const values = ['a, b', '{x}', '  padded  ', 'NULL', ''];
    expect(readArrayLiteral(pgArray(values))).toEqual(values);
  });

  it('gives back exactly the strings it was given, whatever they contain', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: character })), (values) => {
        expect(readArrayLiteral(pgArray(values))).toEqual(values);
      }),
    );
  });
});
