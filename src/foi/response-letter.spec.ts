import { loadConfig } from '../config/app-config';
import { foiPolicyFrom } from './foi-policy.config';
import { LetterInput, renderLetterHtml, renderLetterText } from './response-letter';

const input: LetterInput = {
  reference: '01.FOI.25.000007',
  subject: 'Convictions <2018–2024>',
  receivedOn: '2025-04-14',
  dueOn: '2025-05-15',
  status: 'OPEN',
  questions: [
    {
      position: 1,
      text: 'How many officers were convicted?',
      outcome: 'PARTIALLY_DISCLOSED',
      exemptions: ['S40_2'],
      answer: null,
      extracts: [
        {
          id: 'e1',
          type: 'HIGH_RISK_DECLARATIONS',
          from: 2020,
          to: 2021,
          checksum: 'abc',
          releasedAt: null,
          columns: ['Year', 'High-risk declarations received'],
          rows: [
            ['2020', '<5'],
            ['2021', 6],
          ],
          rowCount: 3,
          report: {
            rules: [
              {
                rule: 'SMALL_NUMBERS_SUPPRESSED',
                description: '1 figure(s) shown as "<5".',
                affected: 1,
                exemption: 'S40_2',
                reason: 'Small numbers identify people.',
              },
            ],
            withheld: ['Exact figures of 1 to 4'],
          },
        },
      ],
    },
    {
      position: 2,
      text: 'Names?',
      outcome: 'NOT_HELD',
      exemptions: [],
      answer: null,
      extracts: [],
    },
  ],
};

describe('response letter', () => {
  it('follows the published structure and lists what each extract withheld', () => {
    const text = renderLetterText(input);
    const order = [
      'Freedom of Information request reference no: 01.FOI.25.000007',
      'DRAFT',
      'Received: 14 April 2025. Response due by: 15 May 2025',
      '1. How many officers were convicted?',
      'refusal notice under section 17',
      'Question 1',
      '| 2020 | <5 |',
      'The first 2 of 3 rows are shown',
      'The following information has not been provided:',
      'Question 2',
      'The force does not hold this information.',
      'Reasons for decision',
      'Information is exempt where it is the personal data',
      'Your right to complain',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('escapes everything in HTML', () => {
    const html = renderLetterHtml(input);
    expect(html).toContain('Convictions &lt;2018–2024&gt;');
    expect(html).toContain('<td>&lt;5</td>');
    expect(html).not.toContain('<2018');
  });

  it('asks for a decision until every question has an outcome', () => {
    const open = { ...input, questions: [{ ...input.questions[1], outcome: null }] };
    expect(renderLetterText(open)).toContain('[Decision not yet recorded');
  });
});

describe('FOI policy config', () => {
  // A server-mode environment, so loadConfig generates no embedded secrets on disk.
  const server = {
    DATABASE_URL: 'postgres://psr@localhost/psr',
    JWT_SECRET: 'j'.repeat(32),
    FIELD_ENCRYPTION_KEYS: `k1:${'A'.repeat(43)}=`,
    BLIND_INDEX_KEY: 'b'.repeat(32),
  };
  const policy = (env: Record<string, string> = {}) =>
    foiPolicyFrom(loadConfig({ ...server, ...env }).foi);

  it('defaults to <5, k = 3 and 30-year extracts, and follows the configuration', () => {
    expect(policy()).toMatchObject({
      disclosure: { threshold: 5, k: 3, suppressedLabel: '<5' },
      maxYears: 30,
      responseWorkingDays: 20,
    });
    expect(
      policy({
        FOI_SUPPRESSION_THRESHOLD: '10',
        FOI_K_ANONYMITY: '5',
        FOI_MAX_EXTRACT_YEARS: '12',
      }),
    ).toMatchObject({ disclosure: { threshold: 10, k: 5, suppressedLabel: '<10' }, maxYears: 12 });
    expect(() => policy({ FOI_K_ANONYMITY: 'three' })).toThrow(/FOI_K_ANONYMITY/);
  });
});
