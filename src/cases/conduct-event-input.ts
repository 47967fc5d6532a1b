import { ValidationError } from '../common/domain-error';
import type { ConductEvent } from './domain/conduct-case';
import {
  CONDUCT_EVENT_TYPES,
  ConductEventType,
  INVESTIGATION_FORMS,
  PROCEEDINGS_FORMS,
} from './domain/vocabulary';
import { ConductEventDto } from './dto/conduct-case.dto';

type Field = Exclude<keyof ConductEventDto, 'type' | 'on'>;

/** API.md's event table: the fields each event type takes (required, then optional). */
export const EVENT_FIELDS: Readonly<
  Record<ConductEventType, { required: readonly Field[]; optional: readonly Field[] }>
> = {
  SEVERITY_ASSESSED: { required: ['severity'], optional: [] },
  INVESTIGATION_STARTED: { required: ['form'], optional: [] },
  CASE_TO_ANSWER_DECIDED: { required: ['decision'], optional: [] },
  REFERRED: { required: ['form'], optional: [] },
  OUTCOME: { required: ['outcome'], optional: ['finding'] },
  APPEAL_LODGED: { required: ['forum'], optional: [] },
  APPEAL_DECIDED: { required: ['result'], optional: ['newOutcome'] },
  WITHDRAWN: { required: ['reason'], optional: [] },
};

const ALL_FIELDS: readonly Field[] = [
  'severity',
  'form',
  'decision',
  'outcome',
  'finding',
  'forum',
  'result',
  'newOutcome',
  'reason',
];

/**
 * Checks the body's shape for its type (a missing field, a field of another type, or a form of
 * the wrong kind is a 400 naming the field) and returns the domain's event.
 */
export function toConductEvent(dto: ConductEventDto): ConductEvent {
  const spec = EVENT_FIELDS[dto.type];
  const details: Array<{ field: string; message: string }> = [];
  for (const f of spec.required) {
    if (dto[f] === undefined) details.push({ field: f, message: `required for ${dto.type}` });
  }
  for (const f of ALL_FIELDS) {
    if (dto[f] !== undefined && !spec.required.includes(f) && !spec.optional.includes(f)) {
      details.push({ field: f, message: `not a field of ${dto.type}` });
    }
  }
  const forms: readonly string[] | null =
    dto.type === 'INVESTIGATION_STARTED'
      ? INVESTIGATION_FORMS
      : dto.type === 'REFERRED'
        ? PROCEEDINGS_FORMS
        : null;
  if (forms && dto.form !== undefined && !forms.includes(dto.form)) {
    details.push({ field: 'form', message: `must be one of ${forms.join(', ')}` });
  }
  if (details.length) {
    throw new ValidationError('VALIDATION_FAILED', 'The event is not valid for its type', details);
  }
  const fields: Record<string, unknown> = { type: dto.type, on: dto.on };
  for (const f of [...spec.required, ...spec.optional]) {
    if (dto[f] !== undefined) fields[f] = dto[f];
  }
  return fields as unknown as ConductEvent;
}

export const isConductEventType = (v: string): v is ConductEventType =>
  (CONDUCT_EVENT_TYPES as readonly string[]).includes(v);
