/**
 * @renling/mocks: a deterministic, realistic dataset generator for stories,
 * tests, demos and benchmarks. Same seed, same dataset, in Node and browsers.
 *
 *   const data = generateDataset({ seed: DEMO_SEED, organizations: 60 });
 *
 * Up to 200 organizations live in the demo street (长宁区 华阳路街道); more
 * spread over a generated tree under Shanghai's real districts, about 2,200
 * per district (all 16 from ~33,000 up).
 */
import type { Area, Claim, Need, Organization, Project, ServiceOffer } from '@renling/core';
import { datasetAreas, STREET_SCALE_MAX } from './areas.js';
import { generateClaims, ratingsByOrganization } from './claims.js';
import { indexAreas } from './context.js';
import { generateNeeds } from './needs.js';
import { generateOrganizations } from './organizations.js';
import { generateProjects } from './projects.js';
import { Rng } from './random.js';

export { Rng, pick, hashString } from './random.js';
export { BASE_DATE, BASE_MS } from './dates.js';
export { generateAreaTree, ORGS_PER_DISTRICT, STREET_SCALE_MAX } from './areas.js';
export { creditCode } from './organizations.js';
export { personName, mobile, landline } from './names.js';
export * from './msw/index.js';

/** The seed the demo, stories and screenshots use. */
export const DEMO_SEED = 20261101;

export interface GenerateOptions {
  /** Any 32-bit integer; the same seed gives the same dataset. */
  readonly seed: number;
  /** How many organizations (≥ 0). Needs ≈ 1 per organization, projects ≈ 1 per 8. */
  readonly organizations: number;
  /** The area tree to place everything in; by default the demo street or a generated city tree. */
  readonly areas?: readonly Area[];
}

export interface Dataset {
  areas: Area[];
  organizations: Organization[];
  offers: ServiceOffer[];
  needs: Need[];
  claims: Claim[];
  projects: Project[];
}

export function generateDataset(options: GenerateOptions): Dataset {
  const { seed, organizations: count } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('generateDataset: organizations must be a non-negative integer');
  if (!Number.isFinite(seed)) throw new RangeError('generateDataset: seed must be a number');
  const root = new Rng(seed);
  // one stream per stage, so a change in one stage leaves the others' draws alone
  const areaRng = root.fork('areas');
  const indexRng = root.fork('index');
  const orgRng = root.fork('organizations');
  const needRng = root.fork('needs');
  const claimRng = root.fork('claims');
  const projectRng = root.fork('projects');

  const areas = options.areas !== undefined ? options.areas.map((a) => ({ ...a })) : datasetAreas(areaRng, count);
  const index = indexAreas(indexRng, areas);
  const { facts, offers } = generateOrganizations(orgRng, index, count);
  const streetScale = count <= STREET_SCALE_MAX;
  const needs = generateNeeds(needRng, index, streetScale ? Math.max(30, count) : count);
  const claims = generateClaims(claimRng, index, facts, offers, needs);

  const rated = ratingsByOrganization(claims);
  for (const f of facts) {
    const mean = rated.get(f.org.id);
    if (mean !== undefined) f.org.satisfaction = Math.max(1, mean);
  }
  const projectCount = count === 0 ? 0 : streetScale ? Math.max(6, Math.round(count / 8)) : Math.round(count / 8);
  const projects = generateProjects(projectRng, index, facts, claims, projectCount);

  return {
    areas,
    organizations: facts.map((f) => f.org),
    offers: offers.map((o) => o.offer),
    needs,
    claims,
    projects,
  };
}
