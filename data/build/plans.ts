// Builds the official plan texts and the plan index from the raw seeds:
//   data/sources/plan-2013-2020.seed.txt → data/plans/2013-2020.txt
//   data/sources/plan-2021-2030.seed.txt → data/plans/2021-2030.txt
//   both                                 → data/index/plans.json (PlanIndexFile, server/src/core/plan/model.ts)
//                                          and data/index/similarity.json (citation-mismatch model, plan-similarity.ts)
// Text normalisation: plan-text.ts (incl. the five documented GBK repairs); tree and responsibility clauses:
// plan-parse.ts; 2013→2021 crosswalk: plan-crosswalk.ts. See data/plans/README.md.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PLAN_CATALOG, PLAN_IDS, type PlanId } from '../../server/src/core/catalog/plans';
import type { PlanFileMeta, PlanIndexFile, PlanNode } from '../../server/src/core/plan/model';
import { computeCrosswalk } from './plan-crosswalk';
import { computeSimilarity, serialiseSimilarity, SIMILARITY_FILE } from './plan-similarity';
import { parsePlan } from './plan-parse';
import { normalise2013, normalise2021 } from './plan-text';

/**
 * How each plan's seed is cleaned up (source-specific repairs: plan-text.ts). A plan whose text enters the corpus
 * (catalog: textInCorpus) brings its seed data/sources/plan-<id>.seed.txt and a normaliser here; everything else —
 * which plans are built, file names, the crosswalk to its successor, the metadata — comes from the catalog.
 */
const NORMALISERS: Partial<Record<PlanId, (seed: string) => string>> = {
  '2013-2020': normalise2013,
  '2021-2030': normalise2021,
};
/** The plans whose text is in the corpus, oldest first. */
const CORPUS: readonly PlanId[] = PLAN_IDS.filter((id) => PLAN_CATALOG[id].textInCorpus);
export const SEEDS = Object.fromEntries(CORPUS.map((id) => [id, `data/sources/plan-${id}.seed.txt`])) as Record<
  PlanId,
  string
>;
export const TEXT_FILES = Object.fromEntries(CORPUS.map((id) => [id, `data/plans/${id}.txt`])) as Record<
  PlanId,
  string
>;
export const INDEX_FILE = 'data/index/plans.json';

/** The inputs whose change makes the generated files stale: the seeds and the build sources. */
export function inputFiles(root: string): string[] {
  const build = readdirSync(join(root, 'data/build'))
    .filter((f) => f === 'plans.ts' || /^plan-.*\.ts$/.test(f))
    .sort()
    .map((f) => `data/build/${f}`);
  // The similarity model's bigrams and family scores are core code used by the build too; the plan catalog (titles,
  // 文号, dates) is an input too.
  const core = [
    'server/src/core/plan/similarity.ts',
    'server/src/core/review/citationMismatch.ts',
    'server/src/core/catalog/plans.ts',
  ];
  return [...CORPUS.map((id) => SEEDS[id]), ...build, ...core];
}

export function inputsHash(root: string): string {
  const h = createHash('sha256');
  for (const f of inputFiles(root)) {
    h.update(f);
    h.update('\0');
    h.update(readFileSync(join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** Computes every generated file (repository-relative path → contents) without writing anything. */
export function computePlans(root: string): Map<string, string> {
  const texts = new Map<PlanId, string>();
  for (const id of CORPUS) {
    const normalise = NORMALISERS[id];
    if (!normalise) throw new Error(`${id}: text in the corpus but no seed normaliser in data/build/plans.ts`);
    texts.set(id, normalise(readFileSync(join(root, SEEDS[id]), 'utf8')));
  }
  const plans: Array<{ meta: PlanFileMeta; nodes: PlanNode[] }> = CORPUS.map((id) => {
    // The catalog's facts are checked against what the notice in the text says.
    const cat = PLAN_CATALOG[id];
    const parsed = parsePlan(id, texts.get(id)!, cat.title);
    if (parsed.docNumber !== cat.docNumber) throw new Error(`${id}: document number ${parsed.docNumber}`);
    if (parsed.issued !== cat.issued) throw new Error(`${id}: notice date ${parsed.issued}`);
    if (parsed.noticeTitle !== cat.noticeTitle) throw new Error(`${id}: notice title ${parsed.noticeTitle}`);
    const meta: PlanFileMeta = {
      id,
      title: cat.title,
      docNumber: cat.docNumber,
      noticeTitle: parsed.noticeTitle,
      issued: cat.issued,
      textFile: TEXT_FILES[id],
    };
    return { meta, nodes: parsed.nodes };
  });
  // Each plan's measures and items to their closest counterpart in its successor (2013—2020 → 2021—2030).
  for (const p of plans) {
    const next = plans.find((q) => q.meta.id === PLAN_CATALOG[p.meta.id].successor);
    if (next) computeCrosswalk(p.nodes, next.nodes);
  }
  // Nodes are written without their text (PlanNodeFile: the loader slices it from the plan text file).
  const index: PlanIndexFile = {
    inputsHash: inputsHash(root),
    plans: plans.map((p) => ({ meta: p.meta, nodes: p.nodes.map(({ text: _text, ...rest }) => rest) })),
  };
  const files = new Map<string, string>();
  for (const [id, text] of texts) files.set(TEXT_FILES[id], text);
  files.set(INDEX_FILE, serialiseIndex(index));
  const similarity = computeSimilarity(
    index.inputsHash,
    plans.map((p) => ({ plan: p.meta.id, nodes: p.nodes })),
  );
  files.set(SIMILARITY_FILE, serialiseSimilarity(similarity));
  return files;
}

/** Compact JSON: one line per node (greppable diffs), no indentation inside a node. */
export function serialiseIndex(index: PlanIndexFile): string {
  const out: string[] = [];
  out.push(`{"inputsHash":${JSON.stringify(index.inputsHash)},"plans":[`);
  index.plans.forEach((p, i) => {
    out.push(`{"meta":${JSON.stringify(p.meta)},"nodes":[`);
    out.push(p.nodes.map((n) => JSON.stringify(n)).join(',\n'));
    out.push(`]}${i + 1 < index.plans.length ? ',' : ''}`);
  });
  out.push(']}');
  return out.join('\n') + '\n';
}

/**
 * Writes the generated files under `outRoot` (default: the repository itself) and returns their
 * repository-relative paths. Inputs are always read from `root`.
 */
export function buildPlans(root: string, outRoot: string = root): string[] {
  const files = computePlans(root);
  for (const [rel, content] of files) {
    const abs = join(outRoot, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return [...files.keys()];
}
