import {
  DisclosureReport,
  exemptionsCited,
  FOI_EXEMPTIONS,
  FoiExemption,
  FoiQuestionOutcome,
  renderDisclosureReport,
} from './domain';
import { Cell, ExtractType } from './extract-definitions';

/**
 * The draft response letter, in the order published responses use: the reference, what was
 * asked, the decision (a refusal notice under s17 when anything is withheld), each answer with
 * its tables and what they leave out, the reasons for each exemption, then advice and the right
 * to complain. Pure: the service loads the request and its extracts and passes them in.
 */

export interface LetterExtract {
  readonly id: string;
  readonly type: ExtractType;
  readonly from: number;
  readonly to: number;
  readonly checksum: string | null;
  readonly releasedAt: string | null;
  readonly columns: readonly string[];
  /** At most the policy's letter table size; `rowCount` says how many there are. */
  readonly rows: ReadonlyArray<readonly Cell[]>;
  readonly rowCount: number;
  readonly report: DisclosureReport;
}

export interface LetterQuestion {
  readonly position: number;
  readonly text: string;
  readonly outcome: FoiQuestionOutcome | null;
  readonly exemptions: readonly FoiExemption[];
  readonly answer: string | null;
  readonly extracts: readonly LetterExtract[];
}

export interface LetterInput {
  readonly reference: string;
  readonly subject: string;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly status: string;
  readonly questions: readonly LetterQuestion[];
}

/** Standard wording for each exemption the register can cite (DOMAIN.md §5). */
export const EXEMPTION_WORDING: Readonly<Record<FoiExemption, { title: string; text: string }>> = {
  S40_2: {
    title: 'Section 40(2) – Personal information',
    text:
      'Information is exempt where it is the personal data of someone other than the requester ' +
      'and releasing it would breach the data protection principles. A disclosure under the Act ' +
      'is a disclosure to the world. Details of identifiable officers, staff or members of the ' +
      'public, or details that could be put together with what colleagues, the press or the ' +
      'community already know to identify them, would be processed unfairly and without a ' +
      'lawful basis; where they concern criminal allegations or convictions, none of the ' +
      'conditions for processing criminal offence data is met. This exemption is absolute, so ' +
      'no public interest test is needed.',
  },
  S31_1_A: {
    title: 'Section 31(1)(a) – Law enforcement: prevention or detection of crime',
    text:
      'Information is exempt where releasing it would, or would be likely to, prejudice the ' +
      'prevention or detection of crime. Detail below force level, or detail of how the force ' +
      'identifies and manages the risk of corruption, would show those who seek to corrupt or ' +
      'exploit police staff where attention is and is not focused. This is a qualified ' +
      'exemption. There is a strong public interest in openness about police integrity, which ' +
      'the force-level figures provided serve; the public interest in not weakening counter-' +
      'corruption work is, on balance, stronger for the detail withheld.',
  },
  S31_1_B: {
    title: 'Section 31(1)(b) – Law enforcement: apprehension or prosecution of offenders',
    text:
      'Information is exempt where releasing it would, or would be likely to, prejudice the ' +
      'apprehension or prosecution of offenders. Revealing the detail of live matters could ' +
      'alert those involved, allow evidence to be lost or witnesses to be influenced. This is a ' +
      'qualified exemption; the public interest in accountability has been weighed against ' +
      'that harm and, for the detail withheld, favours withholding it.',
  },
  S30_1: {
    title: 'Section 30(1) – Investigations and proceedings',
    text:
      'Information held for an investigation the force has a duty to carry out, or for ' +
      'criminal proceedings, is exempt. Releasing it before the matter is concluded could ' +
      'undermine the investigation or the fairness of a trial. This is a qualified exemption: ' +
      'the public interest in transparency is recognised, but the public interest in effective ' +
      'investigations and fair proceedings is stronger at this time.',
  },
  S21: {
    title: 'Section 21 – Information reasonably accessible by other means',
    text:
      'Information that is already reasonably accessible to the requester is exempt. Where this ' +
      'applies, the answer says where the information is published. This exemption is absolute.',
  },
  S12: {
    title: 'Section 12 – Cost of compliance exceeds the appropriate limit',
    text:
      'The force need not comply with a request where finding out whether the information is ' +
      'held, and locating, retrieving and extracting it, would cost more than the appropriate ' +
      'limit (£450, or 18 hours of work, for police forces). Under section 16 the advice below ' +
      'suggests how the request could be narrowed so that it may be answered within the limit.',
  },
};

const OUTCOME_TEXT: Readonly<Record<FoiQuestionOutcome, string>> = {
  DISCLOSED: 'The information is provided.',
  PARTIALLY_DISCLOSED:
    'Some of the information is provided; the rest is withheld for the reasons given below.',
  NOT_HELD: 'The force does not hold this information.',
  EXEMPT: 'This information is withheld for the reasons given below.',
  COST_LIMIT: 'Answering this part would exceed the cost limit (section 12).',
  NEITHER_CONFIRM_NOR_DENY:
    'The force can neither confirm nor deny whether it holds this information.',
};

export const EXTRACT_TITLES: Readonly<Record<ExtractType, string>> = {
  CONVICTIONS: 'Officers and staff convicted of criminal offences',
  PENDING_CHARGES: 'Officers and staff charged, with the case not yet concluded',
  HIGH_RISK_DECLARATIONS: 'High-risk notifiable association declarations received',
  DECLARATION_NATURE: 'Notifiable associations: nature and reason for declaring',
  CONDUCT_OUTCOMES: 'Outcomes of conduct proceedings',
  BARRED_LIST_REFERRALS: 'Referrals to the College of Policing barred list',
  BIOMETRIC_COVERAGE: 'Elimination fingerprints and DNA held for serving officers',
};

/** Everything the letter says, as blocks both renderers share. */
type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; columns: readonly string[]; rows: ReadonlyArray<readonly Cell[]> }
  | { kind: 'preformatted'; text: string };

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

function blocks(input: LetterInput): Block[] {
  const out: Block[] = [];
  const p = (text: string) => out.push({ kind: 'paragraph', text });
  out.push({
    kind: 'heading',
    text: `Freedom of Information request reference no: ${input.reference}`,
  });
  if (input.status === 'OPEN') p('DRAFT – not yet sent.');
  p(
    `Received: ${longDate(input.receivedOn)}. Response due by: ${longDate(input.dueOn)} ` +
      '(20 working days after receipt).',
  );
  p(`Subject: ${input.subject}`);
  p('You asked for the following information:');
  out.push({
    kind: 'list',
    ordered: true,
    items: input.questions.map((question) => question.text),
  });

  const cited = citedExemptions(input);
  out.push({ kind: 'heading', text: 'Decision' });
  p(decisionText(input, cited));
  if (cited.length > 0) {
    out.push({ kind: 'list', ordered: false, items: cited.map((e) => EXEMPTION_WORDING[e].title) });
  }

  out.push({ kind: 'heading', text: 'Answers' });
  for (const question of input.questions) {
    out.push({ kind: 'heading', text: `Question ${question.position}` });
    p(question.text);
    p(question.outcome ? OUTCOME_TEXT[question.outcome] : '[Outcome not yet recorded]');
    if (question.exemptions.length > 0) {
      p(
        `Exemptions relied on: ${question.exemptions.map((e) => EXEMPTION_WORDING[e].title).join('; ')}.`,
      );
    }
    if (question.answer) p(question.answer);
    for (const extract of question.extracts) extractBlocks(extract, out);
  }

  if (cited.length > 0) {
    out.push({ kind: 'heading', text: 'Reasons for decision' });
    for (const exemption of cited) {
      p(EXEMPTION_WORDING[exemption].title);
      p(EXEMPTION_WORDING[exemption].text);
    }
  }

  out.push({ kind: 'heading', text: 'Advice and assistance' });
  p(
    'Under section 16 of the Act the force must advise and assist people who make requests. If ' +
      'a narrower question, a shorter period or force-level figures would meet your needs, ' +
      'please say so and we will consider it as a new request.',
  );
  out.push({ kind: 'heading', text: 'Your right to complain' });
  p(
    'If you are unhappy with this response you may ask for an internal review within 40 ' +
      'working days of the date of this letter, quoting the reference above. If you remain ' +
      'dissatisfied after the review you may complain to the Information Commissioner.',
  );
  return out;
}

function extractBlocks(extract: LetterExtract, out: Block[]): void {
  const period = extract.from === extract.to ? `${extract.from}` : `${extract.from}–${extract.to}`;
  out.push({ kind: 'heading', text: `Table: ${EXTRACT_TITLES[extract.type]}, ${period}` });
  const state = extract.releasedAt
    ? `released ${extract.releasedAt.slice(0, 10)}`
    : 'not yet released: the figures may change until it is';
  out.push({
    kind: 'paragraph',
    text: `Extract ${extract.id} (${state}; checksum ${extract.checksum ?? 'pending'}).`,
  });
  if (extract.rowCount === 0) {
    out.push({ kind: 'paragraph', text: 'There are no records to report for this period.' });
  } else {
    out.push({ kind: 'table', columns: extract.columns, rows: extract.rows });
    if (extract.rowCount > extract.rows.length) {
      out.push({
        kind: 'paragraph',
        text: `The first ${extract.rows.length} of ${extract.rowCount} rows are shown; the full table is attached.`,
      });
    }
  }
  const report = renderDisclosureReport(extract.report);
  if (report) out.push({ kind: 'preformatted', text: report });
}

function citedExemptions(input: LetterInput): FoiExemption[] {
  const cited = new Set<string>();
  for (const question of input.questions) {
    for (const exemption of question.exemptions) cited.add(exemption);
    for (const extract of question.extracts) {
      for (const exemption of exemptionsCited(extract.report)) cited.add(exemption);
    }
  }
  return FOI_EXEMPTIONS.filter((exemption) => cited.has(exemption));
}

function decisionText(input: LetterInput, cited: readonly FoiExemption[]): string {
  const outcomes = input.questions.map((question) => question.outcome);
  if (outcomes.some((outcome) => outcome === null)) {
    return '[Decision not yet recorded: some questions have no outcome.]';
  }
  if (outcomes.every((outcome) => outcome === 'NOT_HELD')) {
    return 'Having searched the force’s records, I can confirm that the information you asked for is not held.';
  }
  if (cited.length === 0) {
    return 'I have decided to provide the information you asked for that the force holds.';
  }
  return (
    'I have decided to provide some of the information you asked for. The rest is withheld, ' +
    'and for those parts this letter is a refusal notice under section 17 of the Freedom of ' +
    'Information Act 2000, relying on:'
  );
}

// ------------------------------------------------------------------ renderers

export function renderLetterText(input: LetterInput): string {
  const lines: string[] = [];
  for (const block of blocks(input)) {
    switch (block.kind) {
      case 'heading':
        lines.push(block.text, '-'.repeat(Math.min(block.text.length, 78)));
        break;
      case 'paragraph':
        lines.push(block.text);
        break;
      case 'list':
        lines.push(
          ...block.items.map((item, i) => (block.ordered ? `${i + 1}. ${item}` : `- ${item}`)),
        );
        break;
      case 'table':
        lines.push(`| ${block.columns.join(' | ')} |`);
        for (const row of block.rows) lines.push(`| ${row.map(String).join(' | ')} |`);
        break;
      case 'preformatted':
        lines.push(block.text);
        break;
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function renderLetterHtml(input: LetterInput): string {
  const parts: string[] = [];
  let first = true;
  for (const block of blocks(input)) {
    switch (block.kind) {
      case 'heading':
        parts.push(
          first ? `<h1>${escapeHtml(block.text)}</h1>` : `<h2>${escapeHtml(block.text)}</h2>`,
        );
        first = false;
        break;
      case 'paragraph':
        parts.push(`<p>${escapeHtml(block.text)}</p>`);
        break;
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        parts.push(
          `<${tag}>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`,
        );
        break;
      }
      case 'table':
        parts.push(
          '<table><thead><tr>' +
            block.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('') +
            '</tr></thead><tbody>' +
            block.rows
              .map(
                (row) => `<tr>${row.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`,
              )
              .join('') +
            '</tbody></table>',
        );
        break;
      case 'preformatted':
        parts.push(`<pre>${escapeHtml(block.text)}</pre>`);
        break;
    }
  }
  return (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(input.reference)}</title></head><body>` +
    parts.join('\n') +
    '</body></html>\n'
  );
}
