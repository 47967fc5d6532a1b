import { ValidationError } from '../common/domain-error';
import { EVENT_FIELDS, toConductEvent } from './conduct-event-input';
import { CONDUCT_EVENT_TYPES } from './domain/vocabulary';
import { ConductEventDto } from './dto/conduct-case.dto';

const dto = (fields: Partial<ConductEventDto>) =>
  Object.assign(new ConductEventDto(), { on: '2025-01-06', ...fields });

function fieldsAtFault(fields: Partial<ConductEventDto>): string[] {
  try {
    toConductEvent(dto(fields));
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).details.map((d) => d.field);
  }
  return [];
}

describe('toConductEvent', () => {
  it('covers every event type', () => {
    expect(Object.keys(EVENT_FIELDS).sort()).toEqual([...CONDUCT_EVENT_TYPES].sort());
  });

  it('keeps only the fields of the type', () => {
    expect(toConductEvent(dto({ type: 'OUTCOME', outcome: 'WRITTEN_WARNING' }))).toEqual({
      type: 'OUTCOME',
      on: '2025-01-06',
      outcome: 'WRITTEN_WARNING',
    });
    expect(
      toConductEvent(dto({ type: 'APPEAL_DECIDED', result: 'ALLOWED', newOutcome: 'NOT_PROVEN' })),
    ).toEqual({
      type: 'APPEAL_DECIDED',
      on: '2025-01-06',
      result: 'ALLOWED',
      newOutcome: 'NOT_PROVEN',
    });
  });

  it('names a missing field, a field of another type and a form of the wrong kind', () => {
    expect(fieldsAtFault({ type: 'SEVERITY_ASSESSED' })).toEqual(['severity']);
    expect(fieldsAtFault({ type: 'WITHDRAWN', reason: 'r', severity: 'MISCONDUCT' })).toEqual([
      'severity',
    ]);
    expect(fieldsAtFault({ type: 'REFERRED', form: 'LOCAL' })).toEqual(['form']);
    expect(fieldsAtFault({ type: 'INVESTIGATION_STARTED', form: 'MISCONDUCT_MEETING' })).toEqual([
      'form',
    ]);
    expect(fieldsAtFault({ type: 'INVESTIGATION_STARTED', form: 'INDEPENDENT' })).toEqual([]);
  });
});
