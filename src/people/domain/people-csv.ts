import { parse } from 'csv-parse/sync';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toErrorDetails } from '../../common/validation';
import { CreatePersonDto } from '../dto/person.dto';

export const PEOPLE_CSV_COLUMNS = [
  'staffNumber',
  'forenames',
  'surname',
  'dateOfBirth',
  'gender',
  'personType',
  'rank',
  'grade',
  'unit',
  'vettingLevel',
  'vettingExpiresOn',
  'joinedOn',
  'fingerprintsHeldOn',
  'dnaHeldOn',
] as const;
const REQUIRED = [
  'staffNumber',
  'forenames',
  'surname',
  'dateOfBirth',
  'gender',
  'personType',
  'unit',
];
export const MAX_IMPORT_ROWS = 100_000;

export interface CsvRowError {
  row: number; // line number in the file; the header is line 1
  field: string;
  message: string;
}

export interface ParsedPeopleCsv {
  rows: Array<{ line: number; dto: CreatePersonDto }>;
  errors: CsvRowError[];
  invalidRows: number;
}

/**
 * Parses and validates an HR export with the same rules as `POST /people`. Every row is checked
 * and every problem reported, so one pass fixes the whole file.
 */
export function parsePeopleCsv(text: string): ParsedPeopleCsv {
  const errors: CsvRowError[] = [];
  let records: string[][];
  try {
    const parsed: unknown = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
    records = parsed as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      errors: [{ row: line, field: '-', message: 'The file is not valid CSV' }],
      invalidRows: 0,
    };
  }
  if (records.length === 0) {
    return {
      rows: [],
      errors: [{ row: 1, field: '-', message: 'The file has no header row' }],
      invalidRows: 0,
    };
  }
  const header = records[0];
  const known = new Set<string>(PEOPLE_CSV_COLUMNS);
  for (const h of header) {
    if (!known.has(h)) errors.push({ row: 1, field: h.slice(0, 40), message: 'unknown column' });
  }
  for (const r of REQUIRED) {
    if (!header.includes(r)) errors.push({ row: 1, field: r, message: 'required column missing' });
  }
  if (new Set(header).size !== header.length)
    errors.push({ row: 1, field: '-', message: 'duplicate column' });
  if (errors.length) return { rows: [], errors, invalidRows: 0 };
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      errors: [
        { row: 1, field: '-', message: `more than ${MAX_IMPORT_ROWS} rows: split the file` },
      ],
      invalidRows: 0,
    };
  }

  const rows: ParsedPeopleCsv['rows'] = [];
  const seen = new Map<string, number>();
  let invalidRows = 0;
  records.slice(1).forEach((values, i) => {
    const line = i + 2;
    if (values.length !== header.length) {
      errors.push({
        row: line,
        field: '-',
        message: `expected ${header.length} values, found ${values.length}`,
      });
      invalidRows++;
      return;
    }
    const plain: Record<string, string> = {};
    header.forEach((h, j) => {
      if (values[j] !== '') plain[h] = values[j];
    });
    const dto = plainToInstance(CreatePersonDto, plain);
    const rowErrors = toErrorDetails(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }),
    );
    const first = seen.get(dto.staffNumber);
    if (typeof dto.staffNumber === 'string' && first !== undefined) {
      rowErrors.push({ field: 'staffNumber', message: `duplicate of line ${first}` });
    } else if (typeof dto.staffNumber === 'string') {
      seen.set(dto.staffNumber, line);
    }
    if (rowErrors.length) {
      invalidRows++;
      for (const e of rowErrors) errors.push({ row: line, field: e.field, message: e.message });
    } else {
      rows.push({ line, dto });
    }
  });
  if (records.length === 1)
    errors.push({ row: 1, field: '-', message: 'The file has no data rows' });
  return { rows, errors, invalidRows };
}
