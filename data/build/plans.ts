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
import type { PlanIndexFile, PlanMeta } from '../../server/src/core/plan/model';
import type { PlanId } from '../../server/src/core/types';
import { computeCrosswalk } from './plan-crosswalk';
import { computeSimilarity, serialiseSimilarity, SIMILARITY_FILE } from './plan-similarity';
import { parsePlan, SHORT_TITLE } from './plan-parse';
import { normalise2013, normalise2021 } from './plan-text';

export const SEEDS: Record<PlanId, string> = {
  '2013-2020': 'data/sources/plan-2013-2020.seed.txt',
  '2021-2030': 'data/sources/plan-2021-2030.seed.txt',
};
export const TEXT_FILES: Record<PlanId, string> = {
  '2013-2020': 'data/plans/2013-2020.txt',
  '2021-2030': 'data/plans/2021-2030.txt',
};
export const INDEX_FILE = 'data/index/plans.json';

/** Facts about the plans that the texts do not state; the issue date and document number are read from
 *  the notice and checked against these. */
const FIXED: Record<PlanId, Pick<PlanMeta, 'docNumber' | 'issued' | 'status' | 'expired' | 'replacedBy'>> = {
  '2013-2020': {
    docNumber: '国办发〔2013〕19号',
    issued: '2013-03-02',
    status: 'expired',
    expired: '2020-12-31',
    replacedBy: '2021-2030',
  },
  '2021-2030': { docNumber: '国办发〔2021〕13号', issued: '2021-04-09', status: 'in-force' },
};

/** The inputs whose change makes the generated files stale: both seeds and the build sources. */
export function inputFiles(root: string): string[] {
  const build = readdirSync(join(root, 'data/build'))
    .filter((f) => f === 'plans.ts' || /^plan-.*\.ts$/.test(f))
    .sort()
    .map((f) => `data/build/${f}`);
  // The similarity model's bigrams and family scores are core code used by the build too.
  const core = ['server/src/core/plan/similarity.ts', 'server/src/core/review/citationMismatch.ts'];
  return [SEEDS['2013-2020'], SEEDS['2021-2030'], ...build, ...core];
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
  const texts: Record<PlanId, string> = {
    '2013-2020': normalise2013(readFileSync(join(root, SEEDS['2013-2020']), 'utf8')),
    '2021-2030': normalise2021(readFileSync(join(root, SEEDS['2021-2030']), 'utf8')),
  };
  const plans: PlanIndexFile['plans'] = (['2013-2020', '2021-2030'] as PlanId[]).map((id) => {
    const title = `中国反对拐卖人口${SHORT_TITLE[id]}`;
    const parsed = parsePlan(id, texts[id], title);
    const fixed = FIXED[id];
    if (parsed.docNumber !== fixed.docNumber) throw new Error(`${id}: document number ${parsed.docNumber}`);
    if (parsed.issued !== fixed.issued) throw new Error(`${id}: notice date ${parsed.issued}`);
    const expectedNotice = `国务院办公厅关于印发${title}的通知`;
    if (parsed.noticeTitle !== expectedNotice) throw new Error(`${id}: notice title ${parsed.noticeTitle}`);
    const meta: PlanMeta = {
      id,
      title,
      shortTitle: SHORT_TITLE[id],
      docNumber: fixed.docNumber,
      noticeTitle: parsed.noticeTitle,
      issued: fixed.issued,
      status: fixed.status,
      ...(fixed.expired ? { expired: fixed.expired } : {}),
      ...(fixed.replacedBy ? { replacedBy: fixed.replacedBy } : {}),
      textFile: TEXT_FILES[id],
    };
    return { meta, nodes: parsed.nodes };
  });
  computeCrosswalk(plans[0].nodes, plans[1].nodes);
  const index: PlanIndexFile = { inputsHash: inputsHash(root), plans };
  const files = new Map<string, string>();
  files.set(TEXT_FILES['2013-2020'], texts['2013-2020']);
  files.set(TEXT_FILES['2021-2030'], texts['2021-2030']);
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
