import fc from 'fast-check';
import { ValidationError } from '../../common/domain-error';
import {
  IdentityKey,
  describeMatch,
  identityKeys,
  matchIdentities,
  nameMatchKey,
  normaliseName,
} from './identity';

const asciiWord = fc.stringMatching(/^[a-z]{1,10}$/);
const asciiName = fc.array(asciiWord, { minLength: 1, maxLength: 4 });

/** Latin letters people actually write, plain and accented. */
const LATIN = 'abcdefghijklmnopqrstuvwxyzàáâãäåçèéêëìíîïñòóôõöùúûüýÿčďěňřšťžąęłńśźżőű';
const latinWord = fc
  .array(fc.constantFrom(...LATIN), { minLength: 1, maxLength: 10 })
  .map((cs) => cs.join(''));
const latinName = fc.array(latinWord, { minLength: 1, maxLength: 4 });

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

describe('normaliseName', () => {
  it.each([
    ['José', 'jose'],
    ['  JOHN   smith ', 'john smith'],
    ["O'Brien", 'obrien'],
    ['O’Brien', 'obrien'],
    ['Smith-Jones', 'smith jones'],
    ['J.R. Smith', 'j r smith'],
    ['St.John', 'st john'],
    ['Łukasz Żółć', 'lukasz zolc'],
    ['Straße', 'strasse'],
    ['Søren Ærø', 'soren aero'],
    ['ＪＯＨＮ　ＳＭＩＴＨ', 'john smith'], // full-width letters and ideographic space
    ['Zoë\tBrontë\n', 'zoe bronte'],
    ['Nguyễn Thị Minh', 'nguyen thi minh'],
    ['İlkay Işık', 'ilkay isik'],
    ['--', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it('keeps word order; the match key sorts the words', () => {
    expect(normaliseName('Smith John')).toBe('smith john');
    expect(nameMatchKey('Smith John')).toBe('john smith');
    expect(nameMatchKey('John SMITH')).toBe(nameMatchKey('smith, john'));
  });

  it('is idempotent for any text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = normaliseName(s);
        return normaliseName(once) === once && nameMatchKey(nameMatchKey(s)) === nameMatchKey(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('yields only lower-case letters, digits and single inner spaces', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const n = normaliseName(s);
        return n === n.trim() && !/\s\s/.test(n) && !/[^\p{L}\p{N} ]/u.test(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores case', () => {
    fc.assert(
      fc.property(
        latinName,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (words, ups) => {
          const name = words.join(' ');
          const mixed = [...name]
            .map((c, i) => (ups[i % ups.length] ? c.toUpperCase() : c))
            .join('');
          return (
            normaliseName(mixed) === normaliseName(name) &&
            normaliseName(name.toUpperCase()) === normaliseName(name)
          );
        },
      ),
    );
  });

  it('ignores extra, leading and trailing whitespace', () => {
    const gap = fc.stringMatching(/^[ \t\n\u00A0\u3000]{1,4}$/);
    fc.assert(
      fc.property(latinName, fc.array(gap, { minLength: 5, maxLength: 5 }), (words, gaps) => {
        const spaced = gaps[0] + words.join(gaps[1]) + gaps[2];
        return normaliseName(spaced) === normaliseName(words.join(' '));
      }),
    );
  });

  it('ignores accents, whether precomposed or combining', () => {
    const marks = ['\u0300', '\u0301', '\u0302', '\u0303', '\u0308', '\u030C', '\u0327'];
    fc.assert(
      fc.property(
        asciiName,
        fc.array(fc.option(fc.constantFrom(...marks)), { minLength: 50 }),
        (words, ms) => {
          const plain = words.join(' ');
          const accented = [...plain]
            .map((c, i) => (c !== ' ' && ms[i % ms.length] ? c + ms[i % ms.length] : c))
            .join('');
          return (
            normaliseName(accented) === plain && normaliseName(accented.normalize('NFC')) === plain
          );
        },
      ),
    );
    expect(normaliseName('José')).toBe(normaliseName('jose'));
  });

  it('matches regardless of word order', () => {
    fc.assert(
      fc.property(
        latinName.chain((ws) =>
          fc.tuple(
            fc.constant(ws),
            fc.shuffledSubarray(ws, { minLength: ws.length, maxLength: ws.length }),
          ),
        ),
        ([words, shuffled]) => nameMatchKey(words.join(' ')) === nameMatchKey(shuffled.join(' ')),
      ),
    );
  });

  it('keeps different simple ASCII names different', () => {
    fc.assert(
      fc.property(asciiName, asciiName, (a, b) => {
        const sameWords = [...a].sort().join(' ') === [...b].sort().join(' ');
        fc.pre(!sameWords);
        return nameMatchKey(a.join(' ')) !== nameMatchKey(b.join(' '));
      }),
    );
    fc.assert(
      fc.property(asciiName, asciiName, (a, b) => {
        fc.pre(a.join(' ') !== b.join(' '));
        return normaliseName(a.join(' ')) !== normaliseName(b.join(' '));
      }),
    );
  });
});

describe('identityKeys', () => {
  it('gives NAME_DOB and NAME_ONLY keys for the name and each alias', () => {
    expect(identityKeys('José Smith', ['Joe Smith'], '1980-02-29')).toEqual([
      { kind: 'NAME_DOB', source: 'NAME', value: 'jose smith|1980-02-29' },
      { kind: 'NAME_ONLY', source: 'NAME', value: 'jose smith' },
      { kind: 'NAME_DOB', source: 'ALIAS', value: 'joe smith|1980-02-29' },
      { kind: 'NAME_ONLY', source: 'ALIAS', value: 'joe smith' },
    ]);
  });

  it('gives only NAME_ONLY keys without a date of birth', () => {
    for (const dob of [undefined, null, '', '  ']) {
      expect(identityKeys('Smith, John', [], dob)).toEqual([
        { kind: 'NAME_ONLY', source: 'NAME', value: 'john smith' },
      ]);
    }
  });

  it('drops aliases that normalise to the name or to nothing, and duplicates', () => {
    const keys = identityKeys('John Smith', ['SMITH John', '...', 'Jon Smith', 'jon  smith'], null);
    expect(keys).toEqual([
      { kind: 'NAME_ONLY', source: 'NAME', value: 'john smith' },
      { kind: 'NAME_ONLY', source: 'ALIAS', value: 'jon smith' },
    ]);
  });

  it('refuses a date of birth that is not YYYY-MM-DD', () => {
    expect(() => identityKeys('A B', [], '01/02/1980')).toThrow(ValidationError);
  });

  it('always has one NAME_ONLY key per distinct non-empty name, and a NAME_DOB twin when dated', () => {
    fc.assert(
      fc.property(
        latinName,
        fc.array(latinName, { maxLength: 4 }),
        fc.boolean(),
        (name, aliases, dated) => {
          const keys = identityKeys(
            name.join(' '),
            aliases.map((a) => a.join(' ')),
            dated ? '1990-01-01' : null,
          );
          const only = keys.filter((k) => k.kind === 'NAME_ONLY');
          const withDob = keys.filter((k) => k.kind === 'NAME_DOB');
          return (
            new Set(only.map((k) => k.value)).size === only.length &&
            withDob.length === (dated ? only.length : 0) &&
            only[0].source === 'NAME'
          );
        },
      ),
    );
  });
});

describe('matching', () => {
  const keys = (name: string, aliases: string[] = [], dob: string | null = null): IdentityKey[] =>
    identityKeys(name, aliases, dob);

  it('matches on name and date of birth across case, accents, spacing and order', () => {
    expect(
      matchIdentities(keys('José  SMITH', [], '1975-06-01'), keys('smith jose', [], '1975-06-01')),
    ).toEqual({ kind: 'NAME_DOB', viaAlias: false, description: 'name and date of birth' });
  });

  it('matches through an alias on either side', () => {
    const a = keys('Robert Jones', ['Bobby Jones'], '1970-01-01');
    const b = keys('Bobby Jones', [], '1970-01-01');
    expect(matchIdentities(a, b)?.description).toBe('alias and date of birth');
    expect(matchIdentities(b, a)?.description).toBe('alias and date of birth');
  });

  it('prefers the strongest description when several keys hit', () => {
    const a = keys('Robert Jones', ['Bob Jones'], '1970-01-01');
    const b = keys('Robert Jones', ['Bob Jones'], '1970-01-01');
    expect(matchIdentities(a, b)?.description).toBe('name and date of birth');
  });

  it('matches on name only when one side has no date of birth', () => {
    expect(matchIdentities(keys('Ann Lee', [], '1980-01-01'), keys('Ann Lee'))?.description).toBe(
      'name only',
    );
    expect(matchIdentities(keys('Ann Lee'), keys('Annie', ['Ann Lee']))?.description).toBe(
      'alias only',
    );
  });

  it('does not link two people whose dates of birth differ', () => {
    expect(
      matchIdentities(keys('Ann Lee', [], '1980-01-01'), keys('Ann Lee', [], '1981-01-01')),
    ).toBeNull();
  });

  it('does not link different names', () => {
    expect(matchIdentities(keys('Ann Lee'), keys('Anne Lee'))).toBeNull();
  });

  it('describeMatch works on hits found by hash and ignores unusable name-only hits', () => {
    expect(
      describeMatch(
        [
          { kind: 'NAME_ONLY', source: 'NAME', otherSource: 'NAME' },
          { kind: 'NAME_DOB', source: 'ALIAS', otherSource: 'NAME' },
        ],
        { bothHaveDateOfBirth: true },
      ),
    ).toEqual({ kind: 'NAME_DOB', viaAlias: true, description: 'alias and date of birth' });
    expect(
      describeMatch([{ kind: 'NAME_ONLY', source: 'NAME', otherSource: 'NAME' }], {
        bothHaveDateOfBirth: true,
      }),
    ).toBeNull();
    expect(describeMatch([], { bothHaveDateOfBirth: false })).toBeNull();
  });

  it('is symmetric', () => {
    const person = fc.record({
      name: latinName.map((w) => w.join(' ')),
      aliases: fc.array(
        latinName.map((w) => w.join(' ')),
        { maxLength: 2 },
      ),
      dob: fc.constantFrom(null, '1980-01-01', '1990-05-05'),
    });
    fc.assert(
      fc.property(person, person, (p, q) => {
        const a = keys(p.name, p.aliases, p.dob);
        const b = keys(q.name, q.aliases, q.dob);
        return matchIdentities(a, b)?.description === matchIdentities(b, a)?.description;
      }),
    );
  });
});
