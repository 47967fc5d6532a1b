import { assertNotOwnDeclaration, isSelf } from '../auth/domain/separation-of-duties';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditEventRow, AuditService } from '../audit/audit.service';
import { todayIso } from '../calendar/domain/dates';
import { unnestInsertCte } from '../database/unnest';
import {
  ConflictError,
  ForbiddenError,
  invalidRequest,
  NotFoundError,
} from '../common/domain-error';
import { sqlList } from '../common/vocabulary';
import { decodeCursor, encodeCursor, Page, PageQuery } from '../common/pagination';
import { Batcher } from '../common/batcher';
import { isUniqueViolation } from '../database/errors';
import { newRowId } from '../common/ids';
import { Actor } from '../common/request-context';
import { FieldCipher } from '../crypto/field-cipher';
import { JobRegistry } from '../jobs/job-registry';
import { preparedQuery } from '../database/prepared';
import { DemoService } from '../demo/demo.service';
import { AssociateIdentity } from './associate-identity.entity';
import { DeclarationAssessment } from './declaration-assessment.entity';
import { DeclarationAssociate } from './declaration-associate.entity';
import { DeclarationInfoRequest } from './declaration-info-request.entity';
import { Declaration } from './declaration.entity';
import { seedDemoDeclarations } from './declarations.demo';
import { associateDateProblems, assessmentProblems, resolveReviewOn } from './domain/assessment';
import { describeMatch, identityKeys, KeyHit } from './domain/identity';
import { assertTransition, AWAITING_ASSESSMENT_STATUSES } from './domain/lifecycle';
import {
  AssociatePriorityInput,
  DeclarantPriorityInput,
  declarationPriority,
} from './domain/priority';
import {
  idempotencyKeyProblem,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY_RETENTION_HOURS,
  requestDigest,
} from './domain/idempotency';
import { formatReference } from './domain/reference';
import {
  AssociationReason,
  DeclarationStatus,
  PersonType,
  RelationshipType,
  VettingLevel,
} from './domain/vocabulary';
import {
  AmendDeclarationDto,
  AssessmentInputDto,
  AssessmentViewDto,
  AssociateInputDto,
  AssociateViewDto,
  AssociationEndedDto,
  CreateDeclarationDto,
  CreatedDeclarationDto,
  DeclarantViewDto,
  InfoAnswerInputDto,
  InfoRequestInputDto,
  InfoRequestViewDto,
  LinkDto,
  LinksDto,
  VettingViewDto,
} from './dto/declaration.dto';

/** What the cases feature hears about: every assessment, inside its transaction. */
export interface DeclarationAssessedEvent {
  declarationId: string;
  declarantPersonId: string;
  outcome: string;
  assessedOn: string;
}
export type DeclarationAssessedListener = (
  manager: EntityManager,
  e: DeclarationAssessedEvent,
) => Promise<void>;

/** Who declares: the person in the register and the account that submitted. */
export interface Declarant {
  personId: string;
  userId: string;
}

/** Statuses whose associates count as links (withdrawn and replaced versions do not). */
const LINKABLE_EXCLUDED: readonly DeclarationStatus[] = ['SUPERSEDED', 'WITHDRAWN'];

/** The daily task that recomputes the stored priorities of the vetting queue. */
export const QUEUE_PRIORITIES_TASK = 'declarations.queue-priorities';
/** Declarations per transaction of that task. */
const PRIORITY_REFRESH_CHUNK = 2000;
/** The daily task that removes idempotency keys past their retention. */
export const IDEMPOTENCY_EXPIRY_TASK = 'declarations.idempotency-expiry';

const isSeqCursor = (v: unknown): v is { q: number } =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as { q?: unknown }).q);

interface LinkRow {
  declaration_id: string;
  associate_id: string;
  other_associate_id: string;
  other_declaration_id: string;
  kind: KeyHit['kind'];
  source: KeyHit['source'];
  other_source: KeyHit['otherSource'];
  mine_dob: boolean;
  other_dob: boolean;
  reference: string;
  version: number;
  status: DeclarationStatus;
  declarant_person_id: string;
}

/**
 * One LinkRow per key hit between `mine` (a relation of declaration_id, associate_id, kind,
 * source, hash, dob, declarant_person_id: stored declarations, or one about to be written) and
 * the identity keys of other declarants' live declarations. The one definition of a link hit.
 */
function linkHitsSql(mine: string): string {
  return `SELECT mine.declaration_id, mine.associate_id, other.associate_id AS other_associate_id,
                 other.declaration_id AS other_declaration_id, mine.kind, mine.source,
                 other.source AS other_source, mine.dob AS mine_dob,
                 oa.has_date_of_birth AS other_dob, od.reference, od.version, od.status,
                 od.declarant_person_id
            FROM ${mine} AS mine
            JOIN associate_identity other
              ON other.hash = mine.hash AND other.kind = mine.kind
             AND other.declaration_id <> mine.declaration_id
            JOIN declaration od ON od.id = other.declaration_id
            JOIN declaration_associate oa ON oa.id = other.associate_id
           WHERE od.declarant_person_id <> mine.declarant_person_id
             AND od.status NOT IN (${sqlList(LINKABLE_EXCLUDED)})`;
}

/** Link rows (one per key hit) as links: one per pair of associates that match, by declaration. */
function linksFromRows(rows: readonly LinkRow[]): Map<string, LinkDto[]> {
  const pairs = new Map<string, { first: LinkRow; hits: KeyHit[] }>();
  for (const r of rows) {
    const key = `${r.associate_id}|${r.other_associate_id}`;
    const pair = pairs.get(key) ?? { first: r, hits: [] };
    pair.hits.push({ kind: r.kind, source: r.source, otherSource: r.other_source });
    pairs.set(key, pair);
  }
  const byDeclaration = new Map<string, LinkDto[]>();
  for (const { first, hits } of pairs.values()) {
    const match = describeMatch(hits, { bothHaveDateOfBirth: first.mine_dob && first.other_dob });
    if (!match) continue;
    const links = byDeclaration.get(first.declaration_id) ?? [];
    links.push({
      associateId: first.associate_id,
      linkedDeclarationId: first.other_declaration_id,
      linkedReference: first.reference,
      linkedVersion: first.version,
      linkedStatus: first.status,
      linkedDeclarantPersonId: first.declarant_person_id,
      linkedAssociateId: first.other_associate_id,
      match,
    });
    byDeclaration.set(first.declaration_id, links);
  }
  for (const links of byDeclaration.values()) {
    links.sort(
      (a, b) =>
        a.linkedReference.localeCompare(b.linkedReference) ||
        a.associateId.localeCompare(b.associateId),
    );
  }
  return byDeclaration;
}

/** The distinct declarations among some links: what the priority's link bonus counts. */
function linkedDeclarationIdsOf(links: readonly LinkDto[]): string[] {
  return [...new Set(links.map((l) => l.linkedDeclarationId))];
}

/** The declarant's columns the priority depends on (from a LEFT JOIN, so possibly null). */
interface DeclarantFactsRow {
  vetting_level: VettingLevel | null;
  person_type: PersonType | null;
  rank: string | null;
}

function declarantFacts(r: DeclarantFactsRow): DeclarantPriorityInput {
  return {
    declarantVettingLevel: r.vetting_level,
    declarantPersonType: r.person_type,
    declarantRank: r.rank,
  };
}

/** An identity key row about to be inserted. */
type NewIdentity = Omit<AssociateIdentity, 'id'>;

/** A declaration prepared for writing, with what its links mean for others' priorities. */
interface DeclarationDraft {
  declaration: Declaration;
  associates: DeclarationAssociate[];
  identities: NewIdentity[];
  /** The other declarations it links to (their link counts change when it is written). */
  linked: string[];
}

/** A caller's idempotency key for a new declaration, with the digest of its request body. */
interface IdempotencyClaim {
  userId: string;
  key: string;
  requestHash: string;
}

/** A draft to write, with the audit event that records it (none when the caller audits). */
interface DraftWrite {
  draft: DeclarationDraft;
  event?: AuditEventRow;
  idempotency?: IdempotencyClaim;
}

/** What POST /declarations answers, and whether it is the answer to an earlier attempt. */
export interface CreateResult {
  created: CreatedDeclarationDto;
  /** True when the Idempotency-Key was seen before: nothing new was written. */
  replayed: boolean;
}

/** What a declaration's draft is read for: its id, declarant and identity keys. */
interface DraftRequest {
  id: string;
  declarantPersonId: string;
  /** A new declaration (it takes the next reference number); not a new version. */
  numbered: boolean;
  keys: Array<NewIdentity & { dob: boolean }>;
}

/** A draft's reads: its reference number (if numbered), the declarant's facts, its links. */
interface DraftRead {
  n: string | null;
  facts: DeclarantFactsRow;
  links: LinkDto[];
}

/** A row of the drafts query: a declaration's head columns, and a link key hit or nulls. */
type DraftRow = { head_id: string; n: string | null } & DeclarantFactsRow & {
    [K in keyof LinkRow]: LinkRow[K] | null;
  };

/**
 * CTEs (`new_associates`, `new_identities`) inserting associates and their identity keys,
 * appending their values to `params`: the associates as one JSON array (each has a list of
 * reasons, which unnest cannot carry), the keys as parallel arrays.
 */
function associateCtes(
  associates: readonly DeclarationAssociate[],
  identities: readonly NewIdentity[],
  params: unknown[],
): string[] {
  const ctes: string[] = [];
  if (associates.length) {
    params.push(
      JSON.stringify(
        associates.map((a) => ({
          id: a.id,
          declaration_id: a.declarationId,
          position: a.position,
          full_name: a.fullName,
          aliases: a.aliases,
          date_of_birth: a.dateOfBirth,
          has_date_of_birth: a.hasDateOfBirth,
          circumstances: a.circumstances,
          relationship: a.relationship,
          reasons: a.reasons,
          is_current: a.current,
          ended_on: a.endedOn,
          contact_frequency: a.contactFrequency,
          key_id: a.keyId,
        })),
      ),
    );
    ctes.push(`new_associates AS (
      INSERT INTO declaration_associate (id, declaration_id, position, full_name, aliases,
        date_of_birth, has_date_of_birth, circumstances, relationship, reasons, is_current,
        ended_on, contact_frequency, key_id)
      SELECT id, declaration_id, position, full_name, aliases, date_of_birth, has_date_of_birth,
             circumstances, relationship, reasons, is_current, ended_on, contact_frequency, key_id
        FROM json_to_recordset($${params.length}::json) AS x (id uuid, declaration_id uuid,
             position int, full_name text, aliases text, date_of_birth text,
             has_date_of_birth boolean, circumstances text, relationship text, reasons text[],
             is_current boolean, ended_on date, contact_frequency text, key_id text))`);
  }
  if (identities.length) {
    ctes.push(
      unnestInsertCte(
        'new_identities',
        'associate_identity',
        [
          ['declaration_id', 'uuid', (i) => i.declarationId],
          ['associate_id', 'uuid', (i) => i.associateId],
          ['kind', 'text', (i) => i.kind],
          ['source', 'text', (i) => i.source],
          ['hash', 'bpchar', (i) => i.hash],
        ],
        identities,
        params,
      ),
    );
  }
  return ctes;
}

function notFound(): NotFoundError {
  return new NotFoundError('DECLARATION.NOT_FOUND', 'No such declaration');
}

/**
 * Notifiable associations: declarants submit, amend, withdraw and answer; the vetting unit
 * triages, assesses and reviews. Each request is one transaction that ends with its audit event.
 * Associate personal data is encrypted with the FieldCipher before it reaches the database and
 * matched across declarations by blind index.
 */
@Injectable()
export class DeclarationsService implements OnModuleInit {
  private readonly logger = new Logger(DeclarationsService.name);
  private readonly assessedListeners: DeclarationAssessedListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly demo: DemoService,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.demo.contribute('declarations', (m, users) => seedDemoDeclarations(this, m, users));
    this.registry.registerDaily(QUEUE_PRIORITIES_TASK, () => this.refreshQueuePriorities());
    this.registry.registerDaily(IDEMPOTENCY_EXPIRY_TASK, async () => ({
      removed: await this.expireIdempotencyKeys(),
    }));
  }

  /**
   * Removes idempotency keys older than their retention (IDEMPOTENCY_KEY_RETENTION_HOURS), with
   * one audit event giving the count; the declarations they made are untouched. Returns how
   * many were removed.
   */
  async expireIdempotencyKeys(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [, removed] = await m.query<[unknown, number]>(
        `DELETE FROM declaration_idempotency
          WHERE created_at < now() - make_interval(hours => $1::int)`,
        [IDEMPOTENCY_KEY_RETENTION_HOURS],
      );
      if (removed > 0) {
        await this.audit.record(m, {
          action: 'DECLARATION.IDEMPOTENCY_KEYS_EXPIRED',
          entityType: 'declaration_idempotency',
          actor: null,
          details: { count: removed, retentionHours: IDEMPOTENCY_KEY_RETENTION_HOURS },
        });
      }
      return removed;
    });
  }

  /**
   * Recomputes the stored priority of every declaration awaiting assessment or review, in
   * chunks (one transaction and, where any changed, one audit event each). A submission reads
   * its links before it is written, so two declarations naming the same associate at the same
   * moment (one batch, or two processes) do not count each other until something recomputes
   * them; nor does a change to a declarant's rank or vetting level move their declarations.
   * This pass, run daily, bounds such a stale priority to a day.
   */
  async refreshQueuePriorities(): Promise<{ checked: number; changed: number }> {
    let checked = 0;
    let changed = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await this.dataSource.transaction(async (m) => {
        // The chunk is locked as it is read, so each priority is computed from what is committed
        // and written before anyone else changes the row. A row another transaction holds (an
        // amendment, which sets its own priority; an assessment, which takes it out of the
        // queue) is passed over until the next day's pass: computed now, from what that writer
        // is replacing, it would overwrite the writer's value. Never waiting: never deadlocking.
        const locked = (
          await m.query<Array<{ id: string }>>(
            `SELECT id FROM declaration
              WHERE status = ANY($1::text[]) AND ($2::uuid IS NULL OR id > $2::uuid)
              ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
            [AWAITING_ASSESSMENT_STATUSES, after, PRIORITY_REFRESH_CHUNK],
          )
        ).map((r) => r.id);
        const moved = await this.recomputePriorities(m, locked);
        if (moved.length > 0) {
          changed += moved.length;
          await this.audit.record(m, {
            action: 'DECLARATION.PRIORITIES_REFRESHED',
            entityType: 'declaration',
            actor: null,
            details: { count: moved.length, changes: moved },
          });
        }
        return locked;
      });
      checked += ids.length;
      // Rows skipped for a lock do not count towards the LIMIT: a short chunk is the last.
      if (ids.length < PRIORITY_REFRESH_CHUNK) break;
      after = ids[ids.length - 1];
    }
    if (changed > 0) this.logger.log(`Queue priorities refreshed: ${changed} of ${checked}`);
    return { checked, changed };
  }

  /** Called inside every assessment's transaction (a REFER_PSD outcome opens a conduct case). */
  onAssessed(listener: DeclarationAssessedListener): void {
    this.assessedListeners.push(listener);
  }

  // ---------------------------------------------------------------- declarant

  /**
   * A new declaration. With an idempotency key (the Idempotency-Key header), a request the
   * caller already made with that key is answered as it was the first time and writes nothing;
   * the same key with another body is refused (409).
   */
  async create(
    dto: CreateDeclarationDto,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<CreateResult> {
    const declarant = this.declarantOf(actor);
    this.checkDates(dto.becameAwareOn, dto.associates);
    let claim: IdempotencyClaim | undefined;
    if (idempotencyKey !== undefined) {
      const problem = idempotencyKeyProblem(idempotencyKey);
      if (problem) throw invalidRequest([{ field: IDEMPOTENCY_HEADER, message: problem }]);
      claim = { userId: actor.id, key: idempotencyKey, requestHash: requestDigest(dto) };
      const earlier = await this.earlierAttempt(claim);
      if (earlier) return this.replay(earlier);
    }
    // The busiest write in the register, so two round trips in the usual case, each shared with
    // the submissions arriving at the same moment (see Batcher): one read (the reference
    // numbers, the declarants' scoring facts and the links) and one statement that writes the
    // declarations, their associates, identity keys and audit events at once (a statement is
    // atomic on its own). Only a declaration that links to others, whose priorities then change
    // too, is written in a transaction of its own. The audit event is made here, in the request,
    // so it records this request's caller and address.
    const draft = await this.draftDeclaration(this.dataSource.manager, declarant, dto);
    const d = draft.declaration;
    const event = this.audit.event({
      action: 'DECLARATION.CREATE',
      entityType: 'declaration',
      entityId: d.id,
      details: {
        reference: d.reference,
        version: d.version,
        status: d.status,
        associates: dto.associates.length,
        priority: d.priority,
      },
    });
    const created: CreatedDeclarationDto = { id: d.id, reference: d.reference, status: d.status };
    try {
      if (draft.linked.length === 0) {
        await this.writes.load({ draft, event, idempotency: claim });
      } else {
        await this.dataSource.transaction(async (m) => {
          await this.writeDrafts(m, [{ draft, event, idempotency: claim }]);
          await this.recomputePriorities(m, draft.linked);
        });
      }
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The same key sent twice at once: the other attempt wrote it.
      const earlier = claim ? await this.earlierAttempt(claim) : null;
      if (earlier) return this.replay(earlier);
      // A batch whose commit succeeded but whose reply was lost is written again one draft at a
      // time (see Batcher), and each then collides with itself: its id is this request's own.
      const [written] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM declaration WHERE id = $1`,
        [d.id],
      );
      if (written) return { created, replayed: false };
      throw err;
    }
    return { created, replayed: false };
  }

  /** The first answer again, with an audit event saying the caller was told it. */
  private async replay(earlier: CreatedDeclarationDto): Promise<CreateResult> {
    await this.audit.recordStandalone({
      action: 'DECLARATION.CREATE_REPLAYED',
      entityType: 'declaration',
      entityId: earlier.id,
      details: { reference: earlier.reference },
    });
    return { created: earlier, replayed: true };
  }

  /**
   * The answer to an earlier request with this key, if there was one; a 409 if that request had
   * another body (a key names one request).
   */
  private async earlierAttempt(claim: IdempotencyClaim): Promise<CreatedDeclarationDto | null> {
    const [row] = await this.dataSource.query<
      Array<{ id: string; reference: string; request_hash: string }>
    >(
      `SELECT d.id, d.reference, i.request_hash
         FROM declaration_idempotency i JOIN declaration d ON d.id = i.declaration_id
        WHERE i.user_id = $1 AND i.key = $2`,
      [claim.userId, claim.key],
    );
    if (!row) return null;
    if (row.request_hash !== claim.requestHash) {
      throw new ConflictError(
        'DECLARATION.IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for a different request',
        [{ field: IDEMPOTENCY_HEADER, message: 'already used with another body' }],
      );
    }
    // As the first answer was: a new declaration is SUBMITTED.
    return { id: row.id, reference: row.reference, status: 'SUBMITTED' };
  }

  async mine(q: PageQuery, actor: Actor): Promise<Page<DeclarantViewDto>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor(q.cursor, isSeqCursor);
    return this.dataSource.transaction(async (m) => {
      const qb = m
        .getRepository(Declaration)
        .createQueryBuilder('d')
        .where('d.status <> :superseded', { superseded: 'SUPERSEDED' })
        .orderBy('d.seq', 'DESC')
        .limit(limit + 1);
      if (actor.personId) qb.andWhere('d.declarant_person_id = :p', { p: actor.personId });
      else qb.andWhere('d.declarant_user_id = :u', { u: actor.id });
      if (after) qb.andWhere('d.seq < :q', { q: after.q });
      const rows = await qb.getMany();
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const items = await this.declarantViews(m, page);
      await this.audit.record(m, {
        action: 'DECLARATION.LIST_MINE',
        entityType: 'declaration',
        details: { ids: items.map((i) => i.id) },
      });
      return {
        items,
        nextCursor: more ? encodeCursor({ q: page[page.length - 1].seq }) : null,
      };
    });
  }

  async get(id: string, actor: Actor): Promise<DeclarantViewDto | VettingViewDto> {
    return this.dataSource.transaction(async (m) => {
      const d = await m.findOne(Declaration, { where: { id } });
      if (!d) throw notFound();
      const owner = this.isOwner(d, actor);
      // A vetting officer reads their own declaration as its declarant, never as an assessor.
      if (!owner && !actor.roles.includes('VETTING')) throw notFound();
      const view = owner ? (await this.declarantViews(m, [d]))[0] : await this.vettingView(m, d);
      await this.audit.record(m, {
        action: 'DECLARATION.READ',
        entityType: 'declaration',
        entityId: d.id,
        details: { view: owner ? 'DECLARANT' : 'VETTING', status: d.status, version: d.version },
      });
      return view;
    });
  }

  async amend(id: string, dto: AmendDeclarationDto, actor: Actor): Promise<DeclarantViewDto> {
    if (dto.becameAwareOn === undefined && dto.associates === undefined) {
      throw invalidRequest([{ field: 'body', message: 'give becameAwareOn, associates or both' }]);
    }
    return this.dataSource.transaction(async (m) => {
      const d = await this.loadForOwner(m, id, actor);
      const previouslyAssessed = await this.previouslyAssessed(m, d.rootId);
      const to = assertTransition(d.status, 'AMEND', { previouslyAssessed });
      const becameAwareOn = dto.becameAwareOn ?? d.becameAwareOn;
      const associates = dto.associates ?? (await this.associateInputs(m, d.id));
      this.checkDates(becameAwareOn, associates);
      const linkedBefore = await this.linkedDeclarationIds(m, d.id);
      const fields = Object.keys(dto).filter((k) => k === 'becameAwareOn' || k === 'associates');
      const fromStatus = d.status;
      if (to === 'SUPERSEDED') {
        // After assessment: the assessed version is kept as it was; the change is a new version.
        await this.update(m, d, { status: 'SUPERSEDED' });
        const next = await this.insertDeclaration(
          m,
          { personId: d.declarantPersonId, userId: d.declarantUserId },
          { becameAwareOn, associates },
          d,
          linkedBefore,
        );
        await this.audit.record(m, {
          action: 'DECLARATION.AMEND',
          entityType: 'declaration',
          entityId: d.id,
          details: {
            fields,
            from: fromStatus,
            to,
            newVersionId: next.id,
            newVersion: next.version,
            newStatus: next.status,
          },
        });
        return (await this.declarantViews(m, [next]))[0];
      }
      await this.update(m, d, { becameAwareOn, status: to });
      if (dto.associates) {
        await m.delete(DeclarationAssociate, { declarationId: d.id });
        const { associates: rows, identities } = this.prepareAssociates(d.id, dto.associates);
        await this.insertAssociates(m, rows, identities);
      }
      await this.refreshPriorities(m, d.id, linkedBefore);
      await this.audit.record(m, {
        action: 'DECLARATION.AMEND',
        entityType: 'declaration',
        entityId: d.id,
        details: { fields, from: fromStatus, to, version: d.version },
      });
      return (await this.declarantViews(m, [d]))[0];
    });
  }

  async withdraw(id: string, actor: Actor): Promise<DeclarantViewDto> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.loadForOwner(m, id, actor);
      const previouslyAssessed = await this.previouslyAssessed(m, d.rootId);
      const from = d.status;
      const to = assertTransition(from, 'WITHDRAW', { previouslyAssessed });
      const linkedBefore = await this.linkedDeclarationIds(m, d.id);
      await this.update(m, d, { status: to });
      // The others no longer count this one as a link.
      await this.recomputePriorities(m, linkedBefore);
      await this.audit.record(m, {
        action: 'DECLARATION.WITHDRAW',
        entityType: 'declaration',
        entityId: d.id,
        details: { from, to },
      });
      return (await this.declarantViews(m, [d]))[0];
    });
  }

  async associationEnded(
    id: string,
    associateId: string,
    dto: AssociationEndedDto,
    actor: Actor,
  ): Promise<DeclarantViewDto> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.loadForOwner(m, id, actor);
      const a = await m.findOne(DeclarationAssociate, {
        where: { id: associateId, declarationId: d.id },
      });
      if (!a) throw new NotFoundError('DECLARATION.ASSOCIATE_NOT_FOUND', 'No such associate');
      const from = d.status;
      const to = assertTransition(from, 'ASSOCIATION_ENDED');
      if (!a.current) {
        throw new ConflictError(
          'DECLARATION.ASSOCIATION_ALREADY_ENDED',
          'This association is already recorded as ended',
          [{ field: 'associateId', message: 'already ended' }],
        );
      }
      if (dto.endedOn < d.becameAwareOn) {
        throw invalidRequest([
          { field: 'endedOn', message: 'endedOn must not be before becameAwareOn' },
        ]);
      }
      await m.update(DeclarationAssociate, { id: a.id }, { current: false, endedOn: dto.endedOn });
      // Back in the queue for re-assessment: its age there starts now.
      const requeued = to === 'SUBMITTED' && from !== 'SUBMITTED';
      await this.update(m, d, requeued ? { status: to, submittedAt: new Date() } : { status: to });
      await this.recomputePriorities(m, [d.id]);
      await this.audit.record(m, {
        action: 'DECLARATION.ASSOCIATION_ENDED',
        entityType: 'declaration',
        entityId: d.id,
        details: { associateId: a.id, from, to, requeued },
      });
      return (await this.declarantViews(m, [d]))[0];
    });
  }

  async answerInfoRequest(
    id: string,
    requestId: string,
    dto: InfoAnswerInputDto,
    actor: Actor,
  ): Promise<DeclarantViewDto> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.loadForOwner(m, id, actor);
      const r = await m.findOne(DeclarationInfoRequest, {
        where: { id: requestId, declarationId: d.id },
      });
      if (!r) throw new NotFoundError('DECLARATION.INFO_REQUEST_NOT_FOUND', 'No such request');
      if (r.answeredAt) {
        throw new ConflictError(
          'DECLARATION.INFO_ALREADY_ANSWERED',
          'This request has already been answered',
          [{ field: 'requestId', message: 'already answered' }],
        );
      }
      const from = d.status;
      const to = assertTransition(from, 'ANSWER_INFO');
      await m.update(
        DeclarationInfoRequest,
        { id: r.id },
        { answer: this.cipher.encrypt(dto.answer), answeredBy: actor.id, answeredAt: new Date() },
      );
      await this.update(m, d, { status: to });
      await this.audit.record(m, {
        action: 'DECLARATION.INFO_ANSWER',
        entityType: 'declaration',
        entityId: d.id,
        details: { requestId: r.id, from, to },
      });
      return (await this.declarantViews(m, [d]))[0];
    });
  }

  // ---------------------------------------------------------------- vetting unit

  async assess(id: string, dto: AssessmentInputDto, actor: Actor): Promise<AssessmentViewDto> {
    const today = todayIso();
    const problems = assessmentProblems(dto, today);
    if (problems.length) throw invalidRequest(problems);
    return this.dataSource.transaction(async (m) => {
      const d = await this.loadForVetting(m, id, actor, 'DECLARATION.SELF_ASSESSMENT');
      const from = d.status;
      const assessment = await this.applyAssessment(m, d, dto, actor.id, today);
      await this.audit.record(m, {
        action: 'DECLARATION.ASSESS',
        entityType: 'declaration',
        entityId: d.id,
        details: {
          assessmentId: assessment.id,
          riskLevel: assessment.riskLevel,
          outcome: assessment.outcome,
          conditions: assessment.conditions,
          reviewOn: assessment.reviewOn,
          from,
          to: d.status,
        },
      });
      return assessment;
    });
  }

  /** Records an assessment on a locked declaration (API and demo seed); no audit. */
  async applyAssessment(
    m: EntityManager,
    d: Declaration,
    dto: AssessmentInputDto,
    assessorUserId: string,
    today: string,
  ): Promise<AssessmentViewDto> {
    const reviewOn = resolveReviewOn(dto, today);
    const from = d.status;
    const to = assertTransition(from, 'ASSESS', { reviewOn });
    const assessedAt = new Date();
    const saved = await m.save(
      m.create(DeclarationAssessment, {
        declarationId: d.id,
        assessorUserId,
        riskLevel: dto.riskLevel,
        outcome: dto.outcome,
        conditions: dto.conditions ?? [],
        rationale: this.cipher.encrypt(dto.rationale),
        reviewOn,
        fromStatus: from,
        toStatus: to,
        assessedAt,
      }),
    );
    await this.update(m, d, {
      status: to,
      riskLevel: dto.riskLevel,
      outcome: dto.outcome,
      conditions: dto.conditions ?? [],
      reviewOn,
      assessedAt,
    });
    for (const listener of this.assessedListeners) {
      await listener(m, {
        declarationId: d.id,
        declarantPersonId: d.declarantPersonId,
        outcome: dto.outcome,
        assessedOn: today,
      });
    }
    return this.assessmentView(saved);
  }

  async requestInfo(
    id: string,
    dto: InfoRequestInputDto,
    actor: Actor,
  ): Promise<InfoRequestViewDto> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.loadForVetting(m, id, actor, 'DECLARATION.SELF_ASSESSMENT');
      const from = d.status;
      const to = assertTransition(from, 'REQUEST_INFO');
      const r = await m.save(
        m.create(DeclarationInfoRequest, {
          declarationId: d.id,
          question: this.cipher.encrypt(dto.question),
          askedBy: actor.id,
          askedAt: new Date(),
        }),
      );
      await this.update(m, d, { status: to });
      await this.audit.record(m, {
        action: 'DECLARATION.INFO_REQUEST',
        entityType: 'declaration',
        entityId: d.id,
        details: { requestId: r.id, from, to },
      });
      return this.infoRequestView(r, true);
    });
  }

  async links(id: string, actor: Actor): Promise<LinksDto> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.loadForVetting(m, id, actor, 'DECLARATION.OWN_DECLARATION', false);
      const items = await this.findLinks(m, d.id);
      await this.audit.record(m, {
        action: 'DECLARATION.LINKS_READ',
        entityType: 'declaration',
        entityId: d.id,
        details: { linkedDeclarationIds: [...new Set(items.map((l) => l.linkedDeclarationId))] },
      });
      return { declarationId: d.id, items };
    });
  }

  // ---------------------------------------------------------------- internals

  /**
   * Inserts a declaration (or, given `previous`, its next version) with its associates, and
   * recomputes the priority of every declaration its links touch (and of `alsoRecompute`).
   * Returns the stored row without reading it back.
   */
  async insertDeclaration(
    m: EntityManager,
    declarant: Declarant,
    dto: { becameAwareOn: string; associates: AssociateInputDto[] },
    previous?: Declaration,
    alsoRecompute: string[] = [],
    receivedOn: string = todayIso(),
  ): Promise<Declaration> {
    const draft = await this.draftDeclaration(m, declarant, dto, previous, receivedOn);
    await this.writeDrafts(m, [{ draft }]);
    // The declarations it links to now count one more link (and `alsoRecompute` may count one
    // fewer: the version this one replaces no longer does).
    const id = draft.declaration.id;
    await this.recomputePriorities(
      m,
      [...draft.linked, ...alsoRecompute].filter((other) => other !== id),
    );
    return draft.declaration;
  }

  /**
   * A declaration ready to write: the next reference number (a new declaration only), the
   * declarant's scoring facts, and the links its associates will have (found from the blind
   * indexes before anything is written, so the row goes in with its final priority). A new
   * declaration submitted outside a transaction reads these together with the other
   * submissions arriving at the same moment (`drafts`); otherwise one read in `m`.
   */
  private async draftDeclaration(
    m: EntityManager,
    declarant: Declarant,
    dto: { becameAwareOn: string; associates: AssociateInputDto[] },
    previous?: Declaration,
    receivedOn: string = todayIso(),
  ): Promise<DeclarationDraft> {
    const id = newRowId();
    const { associates, identities } = this.prepareAssociates(id, dto.associates);
    const hasDob = new Map(associates.map((a) => [a.id, a.hasDateOfBirth]));
    const request: DraftRequest = {
      id,
      declarantPersonId: declarant.personId,
      numbered: !previous,
      keys: identities.map((i) => ({ ...i, dob: hasDob.get(i.associateId) ?? false })),
    };
    const read =
      !previous && !m.queryRunner
        ? await this.drafts.load(request)
        : (await this.readDrafts(m, [request]))[0];
    const linked = linkedDeclarationIdsOf(read.links);
    let seq: number;
    let reference: string;
    if (previous) {
      seq = previous.seq;
      reference = previous.reference;
      receivedOn = previous.receivedOn;
    } else {
      seq = Number(read.n);
      reference = formatReference(receivedOn, seq);
    }
    const declaration = m.create(Declaration, {
      id,
      reference,
      seq,
      rootId: previous?.rootId ?? id,
      previousVersionId: previous?.id ?? null,
      version: (previous?.version ?? 0) + 1,
      declarantPersonId: declarant.personId,
      declarantUserId: declarant.userId,
      status: 'SUBMITTED',
      becameAwareOn: dto.becameAwareOn,
      receivedOn,
      submittedAt: new Date(),
      priority: declarationPriority(dto.associates, declarantFacts(read.facts), linked.length),
      riskLevel: null,
      outcome: null,
      conditions: [],
      reviewOn: null,
      assessedAt: null,
    });
    return { declaration, associates, identities, linked };
  }

  /** New declarations' drafts, read together when they arrive together (see Batcher). */
  private readonly drafts = new Batcher<DraftRequest, DraftRead>((requests) =>
    this.readDrafts(this.dataSource.manager, requests),
  );

  /**
   * What the drafts of several declarations need, in one query (one row per link key hit, each
   * carrying its declaration's head columns; one row with no link when it has none). Prepared,
   * with the batch as JSON recordsets: their row estimates do not depend on the values, so after
   * its first runs PostgreSQL keeps one generic plan (index lookups per key) instead of planning
   * the statement on every batch.
   */
  private async readDrafts(
    m: EntityManager,
    requests: readonly DraftRequest[],
  ): Promise<DraftRead[]> {
    const rows = await preparedQuery<DraftRow>(
      m,
      `WITH items AS (
         SELECT * FROM json_to_recordset($1::json)
                    AS t (declaration_id uuid, declarant_person_id uuid, numbered boolean)),
       head AS (
         SELECT i.declaration_id AS head_id,
                CASE WHEN i.numbered THEN nextval('declaration_reference_seq')::text END AS n,
                p.vetting_level, p.person_type, p.rank
           FROM items i LEFT JOIN person p ON p.id = i.declarant_person_id),
       mine AS (
         SELECT k.declaration_id, k.associate_id, k.kind, k.source, k.hash, k.dob,
                i.declarant_person_id
           FROM json_to_recordset($2::json) AS k (declaration_id uuid, associate_id uuid,
                  kind text, source text, hash bpchar, dob boolean)
           JOIN items i USING (declaration_id)),
       links AS (${linkHitsSql('mine')})
       SELECT head.*, links.* FROM head LEFT JOIN links ON links.declaration_id = head.head_id`,
      [
        JSON.stringify(
          requests.map((r) => ({
            declaration_id: r.id,
            declarant_person_id: r.declarantPersonId,
            numbered: r.numbered,
          })),
        ),
        JSON.stringify(
          requests.flatMap((r) =>
            r.keys.map((k) => ({
              declaration_id: k.declarationId,
              associate_id: k.associateId,
              kind: k.kind,
              source: k.source,
              hash: k.hash,
              dob: k.dob,
            })),
          ),
        ),
      ],
    );
    const links = linksFromRows(
      rows.filter((r): r is DraftRow & LinkRow => r.other_declaration_id !== null),
    );
    const heads = new Map(rows.map((r) => [r.head_id, r]));
    return requests.map((r) => {
      const head = heads.get(r.id);
      if (!head) throw new Error(`draft ${r.id}: no head row`);
      return { n: head.n, facts: head, links: links.get(r.id) ?? [] };
    });
  }

  /**
   * Writes drafts in one statement: the declarations, their associates, their identity keys and
   * the audit events given. A statement is atomic on its own, so it writes all or nothing. The
   * text is the same for any number of drafts (each table's rows go as one parameter). Fills in
   * createdAt and updatedAt from RETURNING.
   */
  private async writeDrafts(m: EntityManager, writes: readonly DraftWrite[]): Promise<void> {
    const params: unknown[] = [
      JSON.stringify(
        writes.map(({ draft: { declaration: d } }) => ({
          id: d.id,
          reference: d.reference,
          seq: d.seq,
          root_id: d.rootId,
          previous_version_id: d.previousVersionId,
          version: d.version,
          declarant_person_id: d.declarantPersonId,
          declarant_user_id: d.declarantUserId,
          status: d.status,
          became_aware_on: d.becameAwareOn,
          received_on: d.receivedOn,
          submitted_at: d.submittedAt.toISOString(),
          priority: d.priority,
        })),
      ),
    ];
    const ctes = [
      `new_declaration AS (
         INSERT INTO declaration (id, reference, seq, root_id, previous_version_id, version,
           declarant_person_id, declarant_user_id, status, became_aware_on, received_on,
           submitted_at, priority)
         SELECT * FROM json_to_recordset($1::json) AS x (id uuid, reference text, seq bigint,
           root_id uuid, previous_version_id uuid, version int, declarant_person_id uuid,
           declarant_user_id uuid, status text, became_aware_on date, received_on date,
           submitted_at timestamptz, priority int)
         RETURNING id, created_at, updated_at)`,
      ...associateCtes(
        writes.flatMap((w) => w.draft.associates),
        writes.flatMap((w) => w.draft.identities),
        params,
      ),
    ];
    const claims = writes.flatMap((w) =>
      w.idempotency ? [{ ...w.idempotency, declarationId: w.draft.declaration.id }] : [],
    );
    if (claims.length) {
      ctes.push(
        unnestInsertCte(
          'new_idempotency',
          'declaration_idempotency',
          [
            ['user_id', 'uuid', (c) => c.userId],
            ['key', 'text', (c) => c.key],
            ['declaration_id', 'uuid', (c) => c.declarationId],
            ['request_hash', 'bpchar', (c) => c.requestHash],
          ],
          claims,
          params,
        ),
      );
    }
    const events = writes.flatMap((w) => (w.event ? [w.event] : []));
    if (events.length) ctes.push(this.audit.eventCtes(events, params));
    const rows = await preparedQuery<{ id: string; created_at: Date; updated_at: Date }>(
      m,
      `WITH ${ctes.join(',\n')} SELECT id, created_at, updated_at FROM new_declaration`,
      params,
    );
    const stamps = new Map(rows.map((r) => [r.id, r]));
    for (const { draft } of writes) {
      const row = stamps.get(draft.declaration.id);
      if (!row) throw new Error(`declaration ${draft.declaration.id} not written`);
      draft.declaration.createdAt = row.created_at;
      draft.declaration.updatedAt = row.updated_at;
    }
    if (events.length) this.audit.written();
  }

  /**
   * New declarations with no links, written together when they arrive together: one statement
   * (and one commit) for all. If it fails, each is written alone, so one bad draft fails alone.
   */
  private readonly writes = new Batcher<DraftWrite, void>(
    async (writes) => {
      await this.writeDrafts(this.dataSource.manager, writes);
      return writes.map(() => undefined);
    },
    { retryAlone: true },
  );

  /** Encrypted associate rows (ids made here) and the blind indexes of their identity keys. */
  private prepareAssociates(
    declarationId: string,
    inputs: readonly AssociateInputDto[],
  ): { associates: DeclarationAssociate[]; identities: NewIdentity[] } {
    const associates: DeclarationAssociate[] = [];
    const identities: NewIdentity[] = [];
    for (const [position, a] of inputs.entries()) {
      const aliases = a.aliases ?? [];
      const associateId = newRowId();
      associates.push({
        id: associateId,
        declarationId,
        position,
        fullName: this.cipher.encrypt(a.fullName),
        aliases: aliases.length ? this.cipher.encrypt(JSON.stringify(aliases)) : null,
        dateOfBirth: this.cipher.encryptNullable(a.dateOfBirth ?? null),
        hasDateOfBirth: !!a.dateOfBirth,
        circumstances: this.cipher.encryptNullable(a.circumstances ?? null),
        relationship: a.relationship,
        reasons: a.reasons,
        current: a.current,
        endedOn: a.endedOn ?? null,
        contactFrequency: a.contactFrequency ?? null,
        keyId: this.cipher.currentKeyId,
      });
      for (const k of identityKeys(a.fullName, aliases, a.dateOfBirth ?? null)) {
        identities.push({
          declarationId,
          associateId,
          kind: k.kind,
          source: k.source,
          hash: this.cipher.blindIndex(k.value),
        });
      }
    }
    return { associates, identities };
  }

  /** The associates and their identity keys in one statement. */
  private async insertAssociates(
    m: EntityManager,
    associates: DeclarationAssociate[],
    identities: NewIdentity[],
  ): Promise<void> {
    const params: unknown[] = [];
    const ctes = associateCtes(associates, identities, params);
    if (ctes.length) await m.query(`WITH ${ctes.join(',\n')} SELECT 1`, params);
  }

  /** Other declarants' live declarations naming one of this declaration's associates. */
  async findLinks(m: EntityManager, declarationId: string): Promise<LinkDto[]> {
    return (await this.linksOf(m, [declarationId])).get(declarationId) ?? [];
  }

  /** The links of several stored declarations in one query, by declaration id. */
  private async linksOf(
    m: EntityManager,
    declarationIds: string[],
  ): Promise<Map<string, LinkDto[]>> {
    const rows = await m.query<LinkRow[]>(
      linkHitsSql(`(SELECT i.declaration_id, i.associate_id, i.kind, i.source, i.hash,
                           a.has_date_of_birth AS dob, d.declarant_person_id
                      FROM associate_identity i
                      JOIN declaration d ON d.id = i.declaration_id
                      JOIN declaration_associate a ON a.id = i.associate_id
                     WHERE i.declaration_id = ANY($1::uuid[]))`),
      [declarationIds],
    );
    return linksFromRows(rows);
  }

  private async linkedDeclarationIds(m: EntityManager, declarationId: string): Promise<string[]> {
    return linkedDeclarationIdsOf(await this.findLinks(m, declarationId));
  }

  /** Recomputes this declaration's priority and that of every declaration linked to it. */
  private async refreshPriorities(
    m: EntityManager,
    declarationId: string,
    alsoRecompute: string[] = [],
  ): Promise<void> {
    const linked = await this.linkedDeclarationIds(m, declarationId);
    await this.recomputePriorities(
      m,
      [declarationId, ...linked, ...alsoRecompute],
      new Map([[declarationId, linked.length]]),
    );
  }

  /**
   * Recomputes the stored priority of several declarations in at most three queries: their
   * links (unless `linkCounts` already has them), their scoring facts, and one UPDATE of those
   * whose priority changed. Ids that no longer exist are skipped. Returns what changed.
   */
  private async recomputePriorities(
    m: EntityManager,
    declarationIds: Iterable<string>,
    linkCounts = new Map<string, number>(),
  ): Promise<Array<{ id: string; from: number; to: number }>> {
    const ids = [...new Set(declarationIds)];
    if (ids.length === 0) return [];
    const unknown = ids.filter((id) => !linkCounts.has(id));
    if (unknown.length) {
      const links = await this.linksOf(m, unknown);
      for (const id of unknown) {
        linkCounts.set(id, linkedDeclarationIdsOf(links.get(id) ?? []).length);
      }
    }
    const rows = await m.query<
      Array<
        DeclarantFactsRow & {
          id: string;
          priority: number;
          relationship: RelationshipType | null;
          reasons: AssociationReason[] | null;
          is_current: boolean | null;
        }
      >
    >(
      `SELECT d.id, d.priority, p.vetting_level, p.person_type, p.rank,
              a.relationship, a.reasons, a.is_current
         FROM declaration d
         LEFT JOIN person p ON p.id = d.declarant_person_id
         LEFT JOIN declaration_associate a ON a.declaration_id = d.id
        WHERE d.id = ANY($1::uuid[])`,
      [ids],
    );
    const found = new Map<
      string,
      { row: (typeof rows)[number]; associates: AssociatePriorityInput[] }
    >();
    for (const r of rows) {
      const entry = found.get(r.id) ?? { row: r, associates: [] };
      if (r.relationship !== null && r.reasons !== null && r.is_current !== null) {
        entry.associates.push({
          relationship: r.relationship,
          reasons: r.reasons,
          current: r.is_current,
        });
      }
      found.set(r.id, entry);
    }
    const changed: Array<{ id: string; priority: number; from: number }> = [];
    for (const [id, { row, associates }] of found) {
      const priority = declarationPriority(
        associates,
        declarantFacts(row),
        linkCounts.get(id) ?? 0,
      );
      if (priority !== row.priority) changed.push({ id, priority, from: row.priority });
    }
    if (changed.length === 0) return [];
    // In id order, so concurrent submissions touching the same declarations lock them alike.
    changed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await m.query(
      `UPDATE declaration d SET priority = v.priority, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS v (id, priority)
        WHERE d.id = v.id`,
      [changed.map((c) => c.id), changed.map((c) => c.priority)],
    );
    return changed.map((c) => ({ id: c.id, from: c.from, to: c.priority }));
  }

  private async previouslyAssessed(m: EntityManager, rootId: string): Promise<boolean> {
    const [{ assessed }] = await m.query<Array<{ assessed: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM declaration_assessment x
                        JOIN declaration v ON v.id = x.declaration_id
                       WHERE v.root_id = $1) AS assessed`,
      [rootId],
    );
    return assessed;
  }

  private async update(
    m: EntityManager,
    d: Declaration,
    patch: Partial<
      Pick<
        Declaration,
        | 'status'
        | 'becameAwareOn'
        | 'submittedAt'
        | 'riskLevel'
        | 'outcome'
        | 'conditions'
        | 'reviewOn'
        | 'assessedAt'
      >
    >,
  ): Promise<void> {
    await m.update(Declaration, { id: d.id }, patch);
    Object.assign(d, patch);
  }

  private declarantOf(actor: Actor): Declarant {
    if (!actor.personId) {
      throw new ForbiddenError(
        'DECLARATION.NO_PERSON',
        'Your account is not linked to a person in the register, so you cannot declare',
      );
    }
    return { personId: actor.personId, userId: actor.id };
  }

  private isOwner(d: Declaration, actor: Actor): boolean {
    return isSelf(actor, { userId: d.declarantUserId, personId: d.declarantPersonId });
  }

  private checkDates(becameAwareOn: string, associates: readonly AssociateInputDto[]): void {
    const problems = associateDateProblems(becameAwareOn, associates);
    if (problems.length) throw invalidRequest(problems);
  }

  /** The caller's own declaration, locked; anyone else's is a 404. */
  private async loadForOwner(m: EntityManager, id: string, actor: Actor): Promise<Declaration> {
    const d = await m.findOne(Declaration, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!d || !this.isOwner(d, actor)) throw notFound();
    return d;
  }

  /** For the vetting unit: separation of duties refuses one's own declaration (403). */
  private async loadForVetting(
    m: EntityManager,
    id: string,
    actor: Actor,
    ownCode: string,
    lock = true,
  ): Promise<Declaration> {
    const d = await m.findOne(Declaration, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!d) throw notFound();
    assertNotOwnDeclaration(
      actor,
      { userId: d.declarantUserId, personId: d.declarantPersonId },
      ownCode,
    );
    return d;
  }

  /** Stored associates as input again (for an amendment that does not replace them). */
  private async associateInputs(m: EntityManager, declarationId: string) {
    const rows = await m.find(DeclarationAssociate, {
      where: { declarationId },
      order: { position: 'ASC' },
    });
    return rows.map((a): AssociateInputDto => {
      const v = this.associateView(a);
      return {
        fullName: v.fullName,
        aliases: v.aliases,
        dateOfBirth: v.dateOfBirth ?? undefined,
        relationship: v.relationship,
        reasons: v.reasons,
        current: v.current,
        endedOn: v.endedOn ?? undefined,
        contactFrequency: v.contactFrequency ?? undefined,
        circumstances: v.circumstances ?? undefined,
      };
    });
  }

  private associateView(a: DeclarationAssociate): AssociateViewDto {
    return {
      id: a.id,
      fullName: this.cipher.decrypt(a.fullName),
      aliases: a.aliases ? (JSON.parse(this.cipher.decrypt(a.aliases)) as string[]) : [],
      dateOfBirth: this.cipher.decryptNullable(a.dateOfBirth),
      relationship: a.relationship,
      reasons: a.reasons,
      current: a.current,
      endedOn: a.endedOn,
      contactFrequency: a.contactFrequency,
      circumstances: this.cipher.decryptNullable(a.circumstances),
    };
  }

  private infoRequestView(r: DeclarationInfoRequest, vetting: boolean): InfoRequestViewDto {
    return {
      id: r.id,
      question: this.cipher.decrypt(r.question),
      askedAt: r.askedAt.toISOString(),
      answer: this.cipher.decryptNullable(r.answer),
      answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
      ...(vetting ? { askedBy: r.askedBy } : {}),
    };
  }

  private assessmentView(a: DeclarationAssessment): AssessmentViewDto {
    return {
      id: a.id,
      declarationId: a.declarationId,
      assessorUserId: a.assessorUserId,
      riskLevel: a.riskLevel,
      outcome: a.outcome,
      conditions: a.conditions,
      rationale: this.cipher.decrypt(a.rationale),
      reviewOn: a.reviewOn,
      fromStatus: a.fromStatus,
      toStatus: a.toStatus,
      assessedAt: a.assessedAt.toISOString(),
    };
  }

  /** Declarant views for several declarations with two queries for their parts. */
  private async declarantViews(
    m: EntityManager,
    ds: Declaration[],
    vetting = false,
  ): Promise<DeclarantViewDto[]> {
    if (ds.length === 0) return [];
    const ids = ds.map((d) => d.id);
    const associates = await m.find(DeclarationAssociate, {
      where: { declarationId: In(ids) },
      order: { position: 'ASC' },
    });
    const requests = await m.find(DeclarationInfoRequest, {
      where: { declarationId: In(ids) },
      order: { askedAt: 'ASC' },
    });
    return ds.map((d) => ({
      id: d.id,
      reference: d.reference,
      version: d.version,
      status: d.status,
      becameAwareOn: d.becameAwareOn,
      receivedOn: d.receivedOn,
      submittedAt: d.submittedAt.toISOString(),
      outcome: d.outcome,
      conditions: d.conditions,
      reviewOn: d.reviewOn,
      associates: associates
        .filter((a) => a.declarationId === d.id)
        .map((a) => this.associateView(a)),
      infoRequests: requests
        .filter((r) => r.declarationId === d.id)
        .map((r) => this.infoRequestView(r, vetting)),
    }));
  }

  private async vettingView(m: EntityManager, d: Declaration): Promise<VettingViewDto> {
    const [base] = await this.declarantViews(m, [d], true);
    const versions = await m.find(Declaration, {
      where: { rootId: d.rootId },
      order: { version: 'ASC' },
    });
    const assessments = await m.find(DeclarationAssessment, {
      where: { declarationId: In(versions.map((v) => v.id)) },
      order: { assessedAt: 'ASC' },
    });
    return {
      ...base,
      declarantPersonId: d.declarantPersonId,
      declarantUserId: d.declarantUserId,
      priority: d.priority,
      riskLevel: d.riskLevel,
      assessedAt: d.assessedAt ? d.assessedAt.toISOString() : null,
      previousVersionId: d.previousVersionId,
      assessments: assessments.map((a) => this.assessmentView(a)),
      versions: versions.map((v) => ({
        id: v.id,
        version: v.version,
        status: v.status,
        createdAt: v.createdAt.toISOString(),
      })),
    };
  }
}
