/**
 * Matching associates across declarations (DOMAIN.md §3): the same person named by two
 * different declarants is the counter-corruption signal. Names are stored encrypted, so matching
 * runs on keyed hashes (blind indexes) of the plaintext identity strings built here.
 *
 * Normalisation, in order:
 * 1. Unicode NFKD (compatibility forms: 'ﬁ' → 'fi', full-width letters → ASCII) and lower case;
 * 2. combining marks dropped ('José' → 'jose'), and the few letters NFKD does not decompose
 *    folded by hand ('ß' → 'ss', 'ø' → 'o', 'æ' → 'ae', 'ł' → 'l', ...);
 * 3. apostrophes removed, joining the parts ("O'Brien" ≡ 'OBrien' ≡ 'obrien'), because people
 *    write the name without the apostrophe far more often than with a space;
 * 4. every other non-letter, non-digit (hyphens, dots, commas, brackets, '|') becomes a space
 *    ('Smith-Jones' ≡ 'Smith Jones', 'J.Smith' ≡ 'J Smith');
 * 5. whitespace collapsed to single spaces, trimmed.
 * The result keeps the word order (for display and tests). Matching uses `nameMatchKey`, the
 * same tokens sorted, so 'Smith John' (surname first, as on many forms) matches 'John Smith'.
 * The cost is that 'Thomas James' matches 'James Thomas'; with a date of birth that is rare, and
 * name-only matches are labelled as the weaker kind.
 */
import { ValidationError } from '../../common/domain-error';

/** Letters with no decomposition that people nevertheless write without the mark. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB\u0060\u00B4\u2032]/gu;
const MARKS = /\p{M}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

function normaliseOnce(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(FOLDABLE, (ch) => LETTER_FOLDS[ch])
    .replace(APOSTROPHES, '')
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}

/**
 * A name reduced to the form used for comparison, keeping word order: see the file comment.
 * Idempotent: normaliseName(normaliseName(x)) === normaliseName(x).
 */
export function normaliseName(name: string): string {
  // Lower-casing or NFKD can, for a handful of exotic characters, expose something the next
  // pass would change again; iterate to the fixed point (one or two passes in practice).
  let current = normaliseOnce(name);
  for (let i = 0; i < 4; i++) {
    const again = normaliseOnce(current);
    if (again === current) return current;
    current = again;
  }
  return current;
}

/** The normalised name with its words sorted: the form that is hashed for matching. */
export function nameMatchKey(name: string): string {
  const tokens = normaliseName(name).split(' ').filter(Boolean);
  return tokens.sort().join(' ');
}

export type IdentityKeyKind = 'NAME_DOB' | 'NAME_ONLY';
export type IdentitySource = 'NAME' | 'ALIAS';

export interface IdentityKey {
  kind: IdentityKeyKind;
  source: IdentitySource;
  /** Plaintext identity string; the service stores only its keyed hash. */
  value: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The identity strings for one associate: for the full name and each alias (deduplicated after
 * normalisation; the full name wins over an alias that normalises the same), a NAME_DOB key
 * `${nameMatchKey}|${dateOfBirth}` when the date of birth is known and a NAME_ONLY key always.
 * Names that normalise to nothing (e.g. only punctuation) give no keys.
 */
export function identityKeys(
  fullName: string,
  aliases: readonly string[],
  dateOfBirth?: string | null,
): IdentityKey[] {
  const dob = dateOfBirth?.trim() || null;
  if (dob !== null && !ISO_DATE.test(dob)) {
    throw new ValidationError(
      'DECLARATION.INVALID_DATE_OF_BIRTH',
      'Date of birth must be YYYY-MM-DD',
      [{ field: 'dateOfBirth', message: 'must be a date YYYY-MM-DD' }],
    );
  }
  const seen = new Set<string>();
  const keys: IdentityKey[] = [];
  const names: Array<[IdentitySource, string]> = [
    ['NAME', fullName],
    ...aliases.map((a): [IdentitySource, string] => ['ALIAS', a]),
  ];
  for (const [source, name] of names) {
    const key = nameMatchKey(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    if (dob !== null) keys.push({ kind: 'NAME_DOB', source, value: `${key}|${dob}` });
    keys.push({ kind: 'NAME_ONLY', source, value: key });
  }
  return keys;
}

/** One hit: a key of this associate equal to a key of the other (same kind, same value). */
export interface KeyHit {
  kind: IdentityKeyKind;
  /** Which of this associate's names matched. */
  source: IdentitySource;
  /** Which of the other associate's names matched. */
  otherSource: IdentitySource;
}

export type MatchDescriptionText =
  | 'name and date of birth'
  | 'alias and date of birth'
  | 'name only'
  | 'alias only';

export interface MatchDescription {
  kind: IdentityKeyKind;
  /** True when an alias (on either side) made the match. */
  viaAlias: boolean;
  description: MatchDescriptionText;
}

/** Strongest first: what `describeMatch` picks when several keys hit. */
export const MATCH_STRENGTH: readonly MatchDescriptionText[] = [
  'name and date of birth',
  'alias and date of birth',
  'name only',
  'alias only',
];

function describeHit(hit: KeyHit): MatchDescription {
  const viaAlias = hit.source === 'ALIAS' || hit.otherSource === 'ALIAS';
  const description: MatchDescriptionText =
    hit.kind === 'NAME_DOB'
      ? viaAlias
        ? 'alias and date of birth'
        : 'name and date of birth'
      : viaAlias
        ? 'alias only'
        : 'name only';
  return { kind: hit.kind, viaAlias, description };
}

/**
 * How two associates were matched, from the key hits between them; null when they are not a
 * link. A NAME_ONLY hit is not a link when both associates have a date of birth: two dates that
 * differ mean two different people (a same-date pair already hits on NAME_DOB).
 */
export function describeMatch(
  hits: readonly KeyHit[],
  opts: { bothHaveDateOfBirth: boolean },
): MatchDescription | null {
  const usable = hits.filter((h) => h.kind === 'NAME_DOB' || !opts.bothHaveDateOfBirth);
  if (usable.length === 0) return null;
  const described = usable.map(describeHit);
  described.sort(
    (a, b) => MATCH_STRENGTH.indexOf(a.description) - MATCH_STRENGTH.indexOf(b.description),
  );
  return described[0];
}

/**
 * In-memory matching of two associates' keys (what the service does with blind indexes in SQL):
 * the hits between them, described. Useful in tests and for re-checking a candidate link.
 */
export function matchIdentities(
  mine: readonly IdentityKey[],
  theirs: readonly IdentityKey[],
): MatchDescription | null {
  const hits: KeyHit[] = [];
  for (const a of mine) {
    for (const b of theirs) {
      if (a.kind === b.kind && a.value === b.value) {
        hits.push({ kind: a.kind, source: a.source, otherSource: b.source });
      }
    }
  }
  const hasDob = (keys: readonly IdentityKey[]) => keys.some((k) => k.kind === 'NAME_DOB');
  return describeMatch(hits, { bothHaveDateOfBirth: hasDob(mine) && hasDob(theirs) });
}
