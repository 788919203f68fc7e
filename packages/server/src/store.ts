/**
 * Records in and out of the database: the row each record is stored as, bulk
 * loading of a dataset, and the list and get queries with the contract's
 * filters, keyset paging and totals. The memory engine
 * (`@renling/core`'s memory-adapter.ts) is the reference for what each
 * filter means; the contract suite checks the two agree.
 */
import {
  topLevelCode,
  toPublicNeed,
  type Area,
  type Claim,
  type ClaimQuery,
  type ListQuery,
  type Need,
  type NeedQuery,
  type OfferQuery,
  type Organization,
  type Page,
  type Project,
  type ProjectQuery,
  type PublicNeed,
  type ServiceOffer,
} from '@renling/core';
import type { Database, Queryable, SqlParam } from './db.js';
import { fieldError, problems } from './errors.js';
import {
  areaKeys,
  areaPrefixes,
  categoryKeys,
  decodeCursor,
  encodeCursor,
  isAreaCode,
  likeContains,
  maskText,
  queryWords,
  searchText,
} from './util.js';

/** The records a dataset holds (the shape of @renling/mocks' `generateDataset`). */
export interface DatasetRecords {
  areas: Area[];
  organizations: Organization[];
  offers: ServiceOffer[];
  needs: Need[];
  claims?: Claim[];
  projects: Project[];
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** The memory engine's rule: 1–200, default 50, fractions cut. */
export const clampLimit = (limit: number | undefined): number =>
  Math.min(Math.max(Math.trunc(limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT, 1), MAX_LIMIT);

// ---------------------------------------------------------------------------
// SQL building: conditions with numbered parameters, nothing else
// ---------------------------------------------------------------------------

export class Sql {
  readonly params: SqlParam[] = [];
  private readonly conditions: string[] = [];

  /** Adds a parameter and returns its placeholder. */
  p(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get where(): string {
    return this.conditions.length ? `where ${this.conditions.map((c) => `(${c})`).join(' and ')}` : '';
  }

  /** Every word of `q` in `column`, as the memory engine's matchesText. */
  text(column: string, q: string | undefined): this {
    for (const word of queryWords(q)) this.and(`${column} like ${this.p(likeContains(word))}`);
    return this;
  }

  /** `column` is one of `values` (no filter when empty). */
  oneOf(column: string, values: readonly string[] | undefined): this {
    if (values?.length) this.and(`${column} = any(${this.p(values)}::text[])`);
    return this;
  }

  /** inCategory: the code itself or its top level. */
  category(codeColumn: string, topColumn: string, wanted: string | undefined): this {
    if (wanted) {
      const p = this.p(wanted);
      this.and(`${codeColumn} = ${p} or ${topColumn} = ${p}`);
    }
    return this;
  }
}

type Order = 'seq' | 'id';

function badCursor(): never {
  throw problems.validation('The paging cursor is not valid.', [fieldError('cursor', 'format')]);
}

/** One page and the total, keyset-paged on `order` (seq or id). */
export async function pageOf<Row extends { doc: unknown }, T>(
  db: Queryable,
  table: string,
  sql: Sql,
  order: Order,
  query: ListQuery,
  map: (row: Row) => T,
): Promise<Page<T>> {
  const limit = clampLimit(query.limit);
  const countSql = `select count(*)::int as n from ${table} ${sql.where}`;
  const countParams = [...sql.params];
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    if (after === null || typeof after !== (order === 'seq' ? 'number' : 'string')) badCursor();
    sql.and(`${order} > ${sql.p(after)}`);
  }
  const rows = await db.query<Row & { k: string | number }>(
    `select doc, ${order} as k from ${table} ${sql.where} order by ${order} limit ${sql.p(limit + 1)}`,
    sql.params,
  );
  const total = await db.query<{ n: number }>(countSql, countParams);
  const more = rows.rows.length > limit;
  const items = rows.rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    nextCursor: more && last ? encodeCursor(last.k) : null,
    total: total.rows[0]?.n ?? 0,
  };
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

interface Column {
  name: string;
  type: string;
}

const cols = (spec: string): Column[] =>
  spec.split(',').map((part) => {
    const [name = '', type = 'text'] = part.trim().split(/\s+/u);
    return { name, type };
  });

const TABLES = {
  areas: cols('code text, level text, parent_code text, doc jsonb'),
  organizations: cols(
    'id text, type text, registration_status text, rating text, area_code text, category_keys text[], service_area_codes text[], search_text text, doc jsonb',
  ),
  offers: cols(
    'id text, organization_id text, category_code text, category_top text, audiences text[], service_area_codes text[], service_area_keys text[], status text, capacity_per_period int, capacity_used int, search_text text, doc jsonb',
  ),
  needs: cols(
    'id text, tracking_number text, area_code text, area_keys text[], category_code text, category_top text, urgency text, status text, search_text text, resident_id text, doc jsonb',
  ),
  need_private: cols('need_id text, contact jsonb, consent jsonb, health jsonb, minor boolean, original jsonb'),
  claims: cols(
    'id text, direction text, need_id text, offer_id text, organization_id text, state text, requested_by_role text, requested_by_id text, scope_codes text[], scope_keys text[], doc jsonb',
  ),
  projects: cols(
    'id text, organization_id text, category_code text, category_top text, area_code text, status text, search_text text, claim_ids text[], doc jsonb',
  ),
  audit_log: cols(
    'action text, subject_type text, subject_id text, actor_role text, actor_id text, account_id text, event_id text, from_state text, to_state text, reason text, at text, detail jsonb',
  ),
} as const satisfies Record<string, Column[]>;

export type TableName = keyof typeof TABLES;
export type Row = Record<string, unknown>;

/** Inserts rows in batches: one JSON parameter per batch, unpacked by jsonb_to_recordset. */
export async function insertRows(db: Queryable, table: TableName, rows: readonly Row[], batch = 1000): Promise<void> {
  const columns = TABLES[table];
  const names = columns.map((c) => c.name).join(', ');
  const types = columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const sql = `insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as r(${types})`;
  for (let i = 0; i < rows.length; i += batch) await db.query(sql, [JSON.stringify(rows.slice(i, i + batch))]);
}

/** Rows for several tables in one statement (data-modifying CTEs): one round trip to the database. */
export async function insertTogether(db: Queryable, parts: readonly (readonly [TableName, readonly Row[]])[]): Promise<void> {
  const ctes = parts.map(([table], i) => {
    const columns = TABLES[table];
    const names = columns.map((c) => c.name).join(', ');
    const types = columns.map((c) => `${c.name} ${c.type}`).join(', ');
    return `w${i} as (insert into ${table} (${names}) select ${names} from jsonb_to_recordset($${i + 1}::jsonb) as r(${types}))`;
  });
  await db.query(`with ${ctes.join(', ')} select 1`, parts.map(([, rows]) => JSON.stringify(rows)));
}

export const areaRow = (a: Area): Row => ({ code: a.code, level: a.level, parent_code: a.parentCode, doc: a });

export const organizationRow = (o: Organization): Row => ({
  id: o.id,
  type: o.type,
  registration_status: o.registration.status,
  rating: o.rating,
  area_code: o.areaCode,
  category_keys: categoryKeys(o.categoryCodes),
  service_area_codes: o.serviceAreaCodes,
  search_text: searchText(o.name, o.description, o.tags),
  doc: o,
});

export const offerRow = (o: ServiceOffer): Row => ({
  id: o.id,
  organization_id: o.organizationId,
  category_code: o.categoryCode,
  category_top: topLevelCode(o.categoryCode),
  audiences: o.audiences,
  service_area_codes: o.serviceAreaCodes,
  service_area_keys: areaKeys(o.serviceAreaCodes),
  status: o.status,
  capacity_per_period: o.capacity.perPeriod,
  capacity_used: o.capacity.used,
  search_text: searchText(o.title, o.description),
  doc: o,
});

/** The public record as stored: full area code, free text masked. */
export function storedPublicNeed(need: Need): PublicNeed {
  const names = [need.contact.name];
  return {
    ...toPublicNeed(need),
    areaCode: need.areaCode,
    title: maskText(need.title, names),
    description: maskText(need.description, names),
    preferredTime: maskText(need.preferredTime, names),
  };
}

export function needRows(need: Need, residentId: string | null): { need: Row; private: Row } {
  const stored = storedPublicNeed(need);
  return {
    need: {
      id: need.id,
      tracking_number: need.trackingNumber,
      area_code: need.areaCode,
      area_keys: areaPrefixes(need.areaCode),
      category_code: need.categoryCode,
      category_top: topLevelCode(need.categoryCode),
      urgency: need.urgency,
      status: need.status,
      search_text: searchText(stored.title, stored.description),
      resident_id: residentId,
      doc: stored,
    },
    private: {
      need_id: need.id,
      contact: need.contact,
      consent: need.consent,
      health: need.health ?? null,
      minor: need.minor,
      original: { title: need.title, description: need.description, preferredTime: need.preferredTime },
    },
  };
}

/** The areas staff must overlap to act on a claim: its need's, else the offer's service areas. */
export const claimScope = (needArea: string | null, offerAreas: readonly string[]): string[] =>
  needArea !== null ? [needArea] : [...offerAreas];

export const claimRow = (c: Claim, scope: readonly string[]): Row => ({
  id: c.id,
  direction: c.direction,
  need_id: c.needId,
  offer_id: c.offerId,
  organization_id: c.organizationId,
  state: c.state,
  requested_by_role: c.requestedBy.role,
  requested_by_id: c.requestedBy.id,
  scope_codes: scope,
  scope_keys: areaKeys(scope),
  doc: c,
});

export const projectRow = (p: Project): Row => ({
  id: p.id,
  organization_id: p.organizationId,
  category_code: p.categoryCode,
  category_top: topLevelCode(p.categoryCode),
  area_code: p.areaCode,
  status: p.status,
  search_text: searchText(p.title, p.summary),
  claim_ids: p.claimIds,
  doc: p,
});

/** One audit entry per claim transition in a claim's history. */
export const transitionAuditRows = (claim: Claim, accountId: string | null = null): Row[] =>
  claim.history.map((t) => ({
    action: `claim.${t.event}`,
    subject_type: 'claim',
    subject_id: claim.id,
    actor_role: t.by.role,
    actor_id: t.by.id,
    account_id: accountId,
    event_id: t.eventId,
    from_state: t.from,
    to_state: t.to,
    reason: t.reason,
    at: t.at,
    detail: null,
  }));

// ---------------------------------------------------------------------------
// Loading a dataset
// ---------------------------------------------------------------------------

const DATA_TABLES = [
  'audit_log',
  'idempotency_keys',
  'claims',
  'need_private',
  'needs',
  'offers',
  'projects',
  'invitations',
  'sessions',
  'accounts',
  'organizations',
  'areas',
] as const;

/** Empties every table but the settings (the signing secret) and the migrations. */
export async function clearData(db: Queryable): Promise<void> {
  await db.exec(`truncate ${DATA_TABLES.join(', ')} restart identity`);
  // directory caches compare versions: an emptied table must still look changed
  await db.query(`select nextval('directory_version')`);
}

/** Loads a dataset into empty tables, in one transaction. */
export async function loadDataset(db: Database, data: DatasetRecords, options: { clear?: boolean } = {}): Promise<void> {
  const needArea = new Map(data.needs.map((n) => [n.id, n.areaCode]));
  const offerAreas = new Map(data.offers.map((o) => [o.id, o.serviceAreaCodes]));
  await db.transaction(async (tx) => {
    if (options.clear) await clearData(tx);
    await insertRows(tx, 'areas', data.areas.map(areaRow));
    await insertRows(tx, 'organizations', data.organizations.map(organizationRow));
    await insertRows(tx, 'offers', data.offers.map(offerRow));
    const needs = data.needs.map((n) => needRows(n, `resident-${n.id}`));
    await insertRows(tx, 'needs', needs.map((n) => n.need));
    await insertRows(tx, 'need_private', needs.map((n) => n.private));
    const claims = data.claims ?? [];
    await insertRows(
      tx,
      'claims',
      claims.map((c) => claimRow(c, claimScope(c.needId === null ? null : (needArea.get(c.needId) ?? null), c.offerId === null ? [] : (offerAreas.get(c.offerId) ?? [])))),
    );
    await insertRows(tx, 'audit_log', claims.flatMap((c) => transitionAuditRows(c)));
    await insertRows(tx, 'projects', data.projects.map(projectRow));
  });
}

/** True when no area and no organization is stored yet (a fresh database). */
export async function isEmpty(db: Queryable): Promise<boolean> {
  const result = await db.query<{ n: number }>('select (select count(*) from areas)::int + (select count(*) from organizations)::int as n');
  return (result.rows[0]?.n ?? 0) === 0;
}

// ---------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------

type DocRow<T> = { doc: T };

export async function getDoc<T>(db: Queryable, table: 'organizations' | 'offers' | 'projects' | 'claims' | 'needs', id: string): Promise<T | null> {
  const result = await db.query<DocRow<T>>(`select doc from ${table} where id = $1`, [id]);
  return result.rows[0]?.doc ?? null;
}

export const needPublic = (doc: PublicNeed): PublicNeed => toPublicNeed(doc);

export function listOffers(db: Queryable, q: OfferQuery): Promise<Page<ServiceOffer>> {
  const sql = new Sql();
  if (q.organizationId) sql.and(`organization_id = ${sql.p(q.organizationId)}`);
  sql.category('category_code', 'category_top', q.categoryCode);
  if (q.areaCode) {
    if (!isAreaCode(q.areaCode)) sql.and('false');
    else sql.and(`service_area_keys @> array[${sql.p(q.areaCode)}]::text[] or service_area_codes && ${sql.p(areaPrefixes(q.areaCode))}::text[]`);
  }
  if (q.audience?.length) sql.and(`audiences && ${sql.p(q.audience)}::text[]`);
  sql.oneOf('status', q.status);
  if (q.hasCapacity) sql.and('capacity_used < capacity_per_period');
  sql.text('search_text', q.q);
  return pageOf<DocRow<ServiceOffer>, ServiceOffer>(db, 'offers', sql, 'seq', q, (r) => r.doc);
}

export function listNeeds(db: Queryable, q: NeedQuery): Promise<Page<PublicNeed>> {
  const sql = new Sql();
  sql.category('category_code', 'category_top', q.categoryCode);
  if (q.areaCode) {
    if (!isAreaCode(q.areaCode)) sql.and('false');
    else sql.and(`area_keys @> array[${sql.p(q.areaCode)}]::text[]`);
  }
  sql.oneOf('urgency', q.urgency);
  sql.oneOf('status', q.status);
  sql.text('search_text', q.q);
  return pageOf<DocRow<PublicNeed>, PublicNeed>(db, 'needs', sql, 'id', q, (r) => needPublic(r.doc));
}

export function listProjects(db: Queryable, q: ProjectQuery): Promise<Page<Project>> {
  const sql = new Sql();
  if (q.organizationId) sql.and(`organization_id = ${sql.p(q.organizationId)}`);
  sql.category('category_code', 'category_top', q.categoryCode);
  if (q.areaCode) {
    if (!isAreaCode(q.areaCode)) sql.and('false');
    else sql.and(`starts_with(area_code, ${sql.p(q.areaCode)})`);
  }
  sql.oneOf('status', q.status);
  sql.text('search_text', q.q);
  return pageOf<DocRow<Project>, Project>(db, 'projects', sql, 'seq', q, (r) => r.doc);
}

/** Which claims a reader may see, as a condition on the claims table. */
export type ClaimVisibility =
  | { kind: 'all' }
  | { kind: 'areas'; areas: readonly string[] }
  | { kind: 'organization'; organizationId: string }
  | { kind: 'resident'; residentId: string };

/** Staff see a claim when one of its scope areas and one of theirs contain each other. */
export function scopeCondition(sql: Sql, areas: readonly string[]): string {
  const valid = areas.filter(isAreaCode);
  if (!valid.length) return 'false';
  return `scope_keys && ${sql.p(valid)}::text[] or scope_codes && ${sql.p(areaKeys(valid))}::text[]`;
}

export function visibility(sql: Sql, who: ClaimVisibility): void {
  switch (who.kind) {
    case 'all':
      return;
    case 'areas':
      sql.and(scopeCondition(sql, who.areas));
      return;
    case 'organization':
      sql.and(`organization_id = ${sql.p(who.organizationId)}`);
      return;
    case 'resident': {
      const p = sql.p(who.residentId);
      sql.and(
        `(requested_by_role = 'resident' and requested_by_id = ${p}) or need_id in (select id from needs where resident_id = ${p})`,
      );
      return;
    }
  }
}

export function listClaims(db: Queryable, q: ClaimQuery, who: ClaimVisibility): Promise<Page<Claim>> {
  const sql = new Sql();
  visibility(sql, who);
  if (q.needId) sql.and(`need_id = ${sql.p(q.needId)}`);
  if (q.offerId) sql.and(`offer_id = ${sql.p(q.offerId)}`);
  if (q.organizationId) sql.and(`organization_id = ${sql.p(q.organizationId)}`);
  sql.oneOf('state', q.state);
  return pageOf<DocRow<Claim>, Claim>(db, 'claims', sql, 'id', q, (r) => r.doc);
}

export async function listAreas(db: Queryable): Promise<Area[]> {
  return (await db.query<DocRow<Area>>('select doc from areas order by code')).rows.map((r) => r.doc);
}

export async function getArea(db: Queryable, code: string): Promise<Area | null> {
  return (await db.query<DocRow<Area>>('select doc from areas where code = $1', [code])).rows[0]?.doc ?? null;
}
