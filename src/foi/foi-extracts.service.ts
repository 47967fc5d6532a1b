import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import {
  ConflictError,
  DomainError,
  invalidRequest,
  NotFoundError,
  ValidationError,
} from '../common/domain-error';
import { isDatabaseUnavailable } from '../database/errors';
import { Actor } from '../common/request-context';
import { FoiExtractPayload, JOBS, QUEUES } from '../jobs/job-names';
import { JobContext, JobRegistry } from '../jobs/job-registry';
import { JobsService } from '../jobs/jobs.service';
import { DisclosureReport, TOTAL_KEY } from './domain';
import {
  CreateExtractDto,
  DownloadFormat,
  ExtractAcceptedDto,
  ExtractStatusDto,
  ReleaseExtractDto,
} from './dto/foi-extract.dto';
import {
  buildPublishedExtract,
  CarriedForward,
  Cell,
  ExtractOptions,
  ExtractType,
  normaliseOptions,
  OPTIONS_BY_TYPE,
  PublishedRun,
  publishedRows,
} from './extract-definitions';
import { assertSourceAvailable, loadExtractSource } from './extract-sources';
import { storedRuns } from './stored-runs';
import { FOI_POLICY, FoiPolicy } from './foi-policy.config';
import { toExtractYear } from './year-or-date.validator';

interface ExtractRow {
  id: string;
  type: ExtractType;
  period_from: number;
  period_to: number;
  options: ExtractOptions;
  request_id: string | null;
  status: 'QUEUED' | 'RUNNING' | 'READY' | 'FAILED';
  progress: number;
  columns: string[] | null;
  row_count: number | null;
  report: DisclosureReport | null;
  checksum: string | null;
  error_code: string | null;
  created_at: Date;
  finished_at: Date | null;
  released_at: Date | null;
}

const EXTRACT_COLUMNS = `id, type, period_from, period_to, options, request_id, status, progress,
  columns, row_count, report, checksum, error_code, created_at, finished_at, released_at`;

/** Runs of published rows written per statement by the job. */
const BATCH = 500;
/** How often a running extract's progress is written (see ProgressReporter). */
const PROGRESS_INTERVAL_MS = 250;

export interface Download {
  stream: Readable;
  contentType: string;
  filename: string;
  checksum: string;
}

function toStatusDto(e: ExtractRow): ExtractStatusDto {
  return {
    id: e.id,
    type: e.type,
    from: e.period_from,
    to: e.period_to,
    options: e.options,
    requestId: e.request_id,
    status: e.status,
    progress: e.progress,
    report: e.report,
    checksum: e.checksum,
    rowCount: e.row_count,
    errorCode: e.error_code,
    createdAt: e.created_at.toISOString(),
    finishedAt: e.finished_at ? e.finished_at.toISOString() : null,
    releasedAt: e.released_at ? e.released_at.toISOString() : null,
  };
}

/**
 * sha256 of what is published: the extract's definition and its figures, serialised the same
 * way every time. The report is left out on purpose: a re-run may describe an earlier release's
 * suppression as "carried forward" while publishing exactly the same figures.
 *
 * The serialisation is `JSON.stringify({ type, from, to, options, columns, rows })`; it is fed to
 * the hash a piece at a time (`ExtractChecksum`), so the rows never have to be held together.
 */
export function extractChecksum(
  definition: { type: ExtractType; from: number; to: number; options: ExtractOptions },
  columns: readonly string[],
  rows: Iterable<readonly Cell[]>,
): string {
  const checksum = new ExtractChecksum(definition, columns);
  for (const row of rows) checksum.addRow(JSON.stringify(row));
  return checksum.digest();
}

/** `extractChecksum`, one row at a time: rows are given already serialised (`JSON.stringify`). */
export class ExtractChecksum {
  private readonly hash = createHash('sha256');
  private pending: string;
  private first = true;

  constructor(
    definition: { type: ExtractType; from: number; to: number; options: ExtractOptions },
    columns: readonly string[],
  ) {
    const head = JSON.stringify({
      type: definition.type,
      from: definition.from,
      to: definition.to,
      options: Object.fromEntries(Object.entries(definition.options).sort()),
      columns,
    });
    // The same text JSON.stringify gives with `rows` as the last property: `…,"rows":[r1,r2]}`.
    this.pending = `${head.slice(0, -1)},"rows":[`;
  }

  addRow(json: string): void {
    this.pending += this.first ? json : `,${json}`;
    this.first = false;
    if (this.pending.length >= 65536) {
      this.hash.update(this.pending);
      this.pending = '';
    }
  }

  digest(): string {
    return this.hash.update(`${this.pending}]}`).digest('hex');
  }
}

/** Anonymised extracts: requested here, built by a job, downloaded and released. */
@Injectable()
export class FoiExtractsService implements OnModuleInit {
  private readonly logger = new Logger(FoiExtractsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly registry: JobRegistry,
    @Inject(FOI_POLICY) private readonly policy: FoiPolicy,
  ) {}

  onModuleInit(): void {
    this.registry.register(JOBS.FOI_EXTRACT, (payload, ctx) =>
      this.run((payload as unknown as FoiExtractPayload).extractId, ctx),
    );
  }

  async create(dto: CreateExtractDto, actor: Actor): Promise<ExtractAcceptedDto> {
    const from = toExtractYear(dto.from);
    const to = toExtractYear(dto.to);
    const options = this.checkedOptions(dto);
    const problems = this.periodProblems(from, to);
    if (problems.length > 0) {
      throw invalidRequest(problems);
    }
    const id = await this.dataSource.transaction(async (m) => {
      if (dto.requestId) await this.assertRequestOpen(m, dto.requestId, 'requestId');
      await assertSourceAvailable(m, dto.type);
      const [row] = await m.query<Array<{ id: string }>>(
        `INSERT INTO foi_extract (type, period_from, period_to, options, request_id, status,
           created_by)
         VALUES ($1, $2, $3, $4, $5, 'QUEUED', $6) RETURNING id`,
        [dto.type, from, to, JSON.stringify(options), dto.requestId ?? null, actor.id],
      );
      await this.jobs.enqueue(m, QUEUES.EXTRACTS, JOBS.FOI_EXTRACT, { extractId: row.id });
      await this.audit.record(m, {
        action: 'FOI.EXTRACT_REQUESTED',
        entityType: 'foi_extract',
        entityId: row.id,
        details: { type: dto.type, from, to, options, requestId: dto.requestId ?? null },
      });
      return row.id;
    });
    this.jobs.wake();
    return { id, status: 'QUEUED' };
  }

  async get(id: string): Promise<ExtractStatusDto> {
    return this.dataSource.transaction(async (m) => {
      const extract = await this.load(m, id);
      await this.audit.record(m, {
        action: 'FOI.EXTRACT_READ',
        entityType: 'foi_extract',
        entityId: id,
        details: { status: extract.status },
      });
      return toStatusDto(extract);
    });
  }

  /** Freezes the extract against its request: figures, checksum and suppressions stay as they are. */
  async release(id: string, dto: ReleaseExtractDto, actor: Actor): Promise<ExtractStatusDto> {
    return this.dataSource.transaction(async (m) => {
      const extract = await this.load(m, id, true);
      if (extract.released_at) {
        throw new ConflictError('FOI.EXTRACT_ALREADY_RELEASED', 'The extract is already released');
      }
      if (extract.status !== 'READY') {
        throw new ConflictError('FOI.EXTRACT_NOT_READY', `The extract is ${extract.status}`);
      }
      if (dto.requestId && extract.request_id && dto.requestId !== extract.request_id) {
        throw new ConflictError(
          'FOI.EXTRACT_OTHER_REQUEST',
          'The extract was made for another request',
          [{ field: 'requestId', message: 'differs from the extract’s request' }],
        );
      }
      const requestId = extract.request_id ?? dto.requestId;
      if (!requestId) {
        throw new ValidationError('VALIDATION_FAILED', 'Say which request it is released to', [
          { field: 'requestId', message: 'required: the extract has no request' },
        ]);
      }
      await this.assertRequestOpen(m, requestId, 'requestId');
      const [updated] = await m.query<[ExtractRow[], number]>(
        `UPDATE foi_extract SET released_at = now(), released_by = $2, request_id = $3
          WHERE id = $1 RETURNING ${EXTRACT_COLUMNS}`,
        [id, actor.id, requestId],
      );
      await this.audit.record(m, {
        action: 'FOI.EXTRACT_RELEASE',
        entityType: 'foi_extract',
        entityId: id,
        details: {
          requestId,
          type: extract.type,
          from: extract.period_from,
          to: extract.period_to,
          rows: extract.row_count,
          checksum: extract.checksum,
        },
      });
      return toStatusDto(updated[0]);
    });
  }

  /** Audits the download, then streams the stored rows in batches in the chosen format. */
  async download(id: string, format: DownloadFormat): Promise<Download> {
    const extract = await this.dataSource.transaction(async (m) => {
      const row = await this.load(m, id);
      if (row.status !== 'READY') {
        throw new ConflictError('FOI.EXTRACT_NOT_READY', `The extract is ${row.status}`);
      }
      // Every stored run is checked before the first byte goes out (and before the download is
      // recorded), so a refused value is a 500 with its code rather than a download cut off part
      // way with a 200; the stream checks each batch again as it sends it. The price is a second
      // read of the stored runs (runs, not rows) on a route used a few times per FOI request.
      const runs = storedRuns(m, id, row.columns ?? [], this.policy.disclosure);
      for await (const batch of runs) void batch;
      await this.audit.record(m, {
        action: 'FOI.EXTRACT_DOWNLOAD',
        entityType: 'foi_extract',
        entityId: id,
        details: { format, rows: row.row_count, checksum: row.checksum },
      });
      return row;
    });
    const columns = extract.columns ?? [];
    const report = extract.report ?? { rules: [], withheld: [] };
    const rows = this.storedRows(id, columns);
    const filename = `foi-extract-${extract.type.toLowerCase()}-${extract.period_from}-${extract.period_to}.${format}`;
    const base = { filename, checksum: extract.checksum ?? '' };
    switch (format) {
      case 'json':
        return {
          ...base,
          contentType: 'application/json; charset=utf-8',
          stream: Readable.from(jsonChunks(columns, rows, report)),
        };
      case 'csv':
        return {
          ...base,
          contentType: 'text/csv; charset=utf-8',
          stream: Readable.from(csvChunks(columns, rows)),
        };
      case 'xlsx':
        return {
          ...base,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          stream: xlsxStream(columns, rows, report, this.logger),
        };
    }
  }

  /** The job. Idempotent: a finished extract is left alone; a retried one starts again. */
  async run(extractId: string, ctx: JobContext): Promise<void> {
    const [claimed] = await this.dataSource.query<[ExtractRow[], number]>(
      `UPDATE foi_extract SET status = 'RUNNING', progress = 5
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING ${EXTRACT_COLUMNS}`,
      [extractId],
    );
    const extract = claimed?.[0];
    if (!extract) return;
    const definition = {
      type: extract.type,
      from: extract.period_from,
      to: extract.period_to,
      options: extract.options,
    };
    const progress = new ProgressReporter(extractId, ctx, this.dataSource);
    try {
      await progress.report(10);
      const source = await this.dataSource.transaction(async (m) => {
        await assertSourceAvailable(m, definition.type);
        return loadExtractSource(
          m,
          definition.type,
          definition.from,
          definition.to,
          definition.options,
        );
      });
      await progress.report(40);
      const carried = await this.carriedForward(definition);
      const built = buildPublishedExtract(definition, source, this.policy.disclosure, carried);
      const rowCount = built.rowCount;
      await progress.report(60);
      const checksum = new ExtractChecksum(definition, built.columns);
      await this.dataSource.transaction(async (m) => {
        await m.query(`DELETE FROM foi_extract_row WHERE extract_id = $1`, [extractId]);
        // Rows are stored as runs: one stored row per run, standing for `run_length` equal
        // published rows from position `seq`, so what is written (and read back) follows the
        // number of runs, not of rows. The checksum still takes every row, in order.
        for (const batch of runBatches(built.runs, BATCH)) {
          for (const { count, json } of batch.runs) {
            for (let i = 0; i < count; i++) checksum.addRow(json);
          }
          await m.query(
            `INSERT INTO foi_extract_row (extract_id, seq, cells, run_length)
             SELECT $1, r.start, r.cells::jsonb, r.count
               FROM unnest($2::int[], $3::int[], $4::text[]) AS r(start, count, cells)`,
            [
              extractId,
              batch.runs.map((run) => run.start),
              batch.runs.map((run) => run.count),
              batch.runs.map((run) => run.json),
            ],
          );
          await progress.report(60 + Math.floor((35 * batch.end) / rowCount), false);
        }
        await m.query(
          `UPDATE foi_extract SET status = 'READY', progress = 100, columns = $2, row_count = $3,
             report = $4, suppressed_keys = $5, k_levels = $6, checksum = $7, error_code = NULL,
             finished_at = now()
           WHERE id = $1`,
          [
            extractId,
            JSON.stringify(built.columns),
            rowCount,
            JSON.stringify(built.report),
            JSON.stringify(built.suppressedKeys),
            JSON.stringify(built.levels),
            checksum.digest(),
          ],
        );
        await this.audit.record(m, {
          action: 'FOI.EXTRACT_COMPLETED',
          entityType: 'foi_extract',
          entityId: extractId,
          actor: null,
          details: {
            type: definition.type,
            rows: rowCount,
            suppressed: built.suppressedKeys.length,
            rules: built.report.rules.map((r) => r.rule),
          },
        });
      });
      await ctx.progress(100);
      this.logger.log(`Extract ${extractId} (${definition.type}) ready: ${rowCount} rows`);
    } catch (err) {
      // A lost connection is worth a retry; anything else would fail the same way again.
      if (isDatabaseUnavailable(err)) throw err;
      const code = err instanceof DomainError ? err.code : 'FOI.EXTRACT_FAILED';
      this.logger.error(`Extract ${extractId} failed: ${code}`);
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE foi_extract SET status = 'FAILED', error_code = $2, finished_at = now()
            WHERE id = $1`,
          [extractId, code],
        );
        await this.audit.record(m, {
          action: 'FOI.EXTRACT_FAILED',
          entityType: 'foi_extract',
          entityId: extractId,
          actor: null,
          details: { type: definition.type, code },
        });
      });
    }
  }

  /**
   * What released extracts of the same type force on this one. Releases whose period overlaps
   * this one count: a year's cells and row totals mean the same in any period that contains the
   * year. Column and grand totals depend on the whole period, so only a release of exactly this
   * period carries them.
   */
  private async carriedForward(definition: {
    type: ExtractType;
    from: number;
    to: number;
  }): Promise<CarriedForward> {
    const released = await this.dataSource.query<
      Array<{
        period_from: number;
        period_to: number;
        suppressed_keys: string[] | null;
        k_levels: Record<string, number> | null;
      }>
    >(
      `SELECT period_from, period_to, suppressed_keys, k_levels FROM foi_extract
        WHERE type = $1 AND released_at IS NOT NULL AND period_from <= $3 AND period_to >= $2`,
      [definition.type, definition.from, definition.to],
    );
    const suppressedKeys = new Set<string>();
    const minLevels: Record<string, number> = {};
    for (const release of released) {
      const samePeriod =
        release.period_from === definition.from && release.period_to === definition.to;
      for (const key of release.suppressed_keys ?? []) {
        if (samePeriod || !key.startsWith(`${TOTAL_KEY}|`)) suppressedKeys.add(key);
      }
      for (const [column, level] of Object.entries(release.k_levels ?? {})) {
        minLevels[column] = Math.max(minLevels[column] ?? 0, level);
      }
    }
    return { suppressedKeys, minLevels };
  }

  /** The published rows, each stored run expanded, read a batch of runs at a time. */
  private async *storedRows(
    id: string,
    columns: readonly string[],
  ): AsyncGenerator<readonly Cell[]> {
    const runs = storedRuns(this.dataSource.manager, id, columns, this.policy.disclosure);
    for await (const batch of runs) yield* publishedRows(batch);
  }

  private checkedOptions(dto: CreateExtractDto): ExtractOptions {
    const given = Object.entries(dto.options ?? {}).filter(([, v]) => v !== undefined);
    const allowed = OPTIONS_BY_TYPE[dto.type] as readonly string[];
    const wrong = given.filter(([key]) => !allowed.includes(key));
    if (wrong.length > 0) {
      throw new ValidationError(
        'VALIDATION_FAILED',
        `Options not used by a ${dto.type} extract`,
        wrong.map(([key]) => ({
          field: `options.${key}`,
          message: `not an option of ${dto.type} (allowed: ${allowed.join(', ') || 'none'})`,
        })),
      );
    }
    return normaliseOptions(dto.type, Object.fromEntries(given));
  }

  private periodProblems(from: number, to: number) {
    const problems: Array<{ field: string; message: string }> = [];
    const thisYear = new Date().getUTCFullYear();
    const { earliestYear, maxYears } = this.policy;
    for (const [field, year] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (year < earliestYear || year > thisYear) {
        problems.push({ field, message: `must be a year from ${earliestYear} to ${thisYear}` });
      }
    }
    if (from > to) problems.push({ field: 'to', message: 'must not be before from' });
    else if (to - from + 1 > maxYears) {
      problems.push({ field: 'to', message: `the period may cover at most ${maxYears} years` });
    }
    return problems;
  }

  private async assertRequestOpen(m: EntityManager, requestId: string, field: string) {
    const [request] = await m.query<Array<{ status: string }>>(
      `SELECT status FROM foi_request WHERE id = $1`,
      [requestId],
    );
    if (!request) {
      throw new ValidationError('FOI.REQUEST_NOT_FOUND', 'No such FOI request', [
        { field, message: 'no such request' },
      ]);
    }
    if (request.status === 'CLOSED') {
      throw new ConflictError('FOI.REQUEST_CLOSED', 'The request is closed', [
        { field, message: 'the request is closed' },
      ]);
    }
  }

  private async load(m: EntityManager, id: string, forUpdate = false): Promise<ExtractRow> {
    const [row] = await m.query<ExtractRow[]>(
      `SELECT ${EXTRACT_COLUMNS} FROM foi_extract WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundError('FOI.EXTRACT_NOT_FOUND', 'No such extract');
    return row;
  }
}

/** A run as stored: `count` published rows from position `start`, all `json`. */
interface StoredRun {
  start: number;
  count: number;
  /** The run's cells, serialised as stored and as hashed. */
  json: string;
}

/**
 * `runs` in order, `maxRuns` at a time, each with its position and its cells serialised once
 * however many rows it stands for; `end` is the position after the batch's last row.
 */
function* runBatches(
  runs: readonly PublishedRun[],
  maxRuns: number,
): Generator<{ runs: StoredRun[]; end: number }> {
  let position = 0;
  let batch: StoredRun[] = [];
  for (const run of runs) {
    batch.push({ start: position, count: run.count, json: JSON.stringify(run.cells) });
    position += run.count;
    if (batch.length === maxRuns) {
      yield { runs: batch, end: position };
      batch = [];
    }
  }
  if (batch.length > 0) yield { runs: batch, end: position };
}

// ------------------------------------------------------------------ download formats

async function* jsonChunks(
  columns: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
  report: DisclosureReport,
): AsyncGenerator<string> {
  yield `{"columns":${JSON.stringify(columns)},"rows":[`;
  let first = true;
  for await (const row of rows) {
    yield `${first ? '' : ','}${JSON.stringify(row)}`;
    first = false;
  }
  yield `],"report":${JSON.stringify(report)}}`;
}

async function* csvChunks(
  columns: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
): AsyncGenerator<string> {
  yield stringify([columns]);
  for await (const row of rows) yield stringify([row]);
}

/** A "Data" sheet and a "Report" sheet, written with exceljs' streaming writer. */
function xlsxStream(
  columns: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
  report: DisclosureReport,
  logger: Logger,
): Readable {
  const out = new PassThrough();
  const write = async () => {
    // Loaded on the first spreadsheet rather than at start-up: exceljs is the heaviest module the
    // service uses (longer to load than the rest of the FOI module together), and only an XLSX
    // extract needs it.
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    const data = workbook.addWorksheet('Data');
    data.addRow([...columns]).commit();
    for await (const row of rows) data.addRow(row).commit();
    data.commit();
    const sheet = workbook.addWorksheet('Report');
    sheet.addRow(['Rule', 'Description', 'Affected', 'Exemption', 'Reason']).commit();
    for (const rule of report.rules) {
      sheet
        .addRow([rule.rule, rule.description, rule.affected, rule.exemption ?? '', rule.reason])
        .commit();
    }
    sheet.addRow([]).commit();
    sheet.addRow(['Not provided']).commit();
    for (const item of report.withheld) sheet.addRow([item]).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: Error) => {
    logger.error(`XLSX download failed: ${err.name}`);
    out.destroy(err);
  });
  return out;
}

/**
 * An extract's progress, for the job (Bull) and for `GET /foi/extracts/:id`: the first report,
 * then at most one every PROGRESS_INTERVAL_MS. A long extract still shows it moving, while one
 * that takes a few tens of milliseconds (most of them) is not slowed by a write and a commit at
 * every step. The claim (5%) and READY (100%) are written by the job itself.
 */
class ProgressReporter {
  /** The first report is always written: it says the job got past its claim. */
  private last = -Infinity;

  constructor(
    private readonly extractId: string,
    private readonly ctx: JobContext,
    private readonly dataSource: DataSource,
  ) {}

  /** `stored`: also write it to the extract's row (not inside the transaction storing its rows). */
  async report(percent: number, stored = true): Promise<void> {
    const now = performance.now();
    if (now - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = now;
    await this.ctx.progress(percent);
    if (stored) {
      await this.dataSource.query(`UPDATE foi_extract SET progress = $2 WHERE id = $1`, [
        this.extractId,
        percent,
      ]);
    }
  }
}
