// `npm run data:audit`: how many registry facts (central bodies, local templates, signs, reforms, provinces keeping a
// local name: keptIn) rest on no primary source. Primary = the State Council, the NPC, Xinhua, People's Daily or an official (*.gov.cn) site, or the national
// plans themselves; everything else (news mirrors, encyclopaedias, unaddressed reports) is secondary. Also counts the
// facts that list something as `unverified`.
import { join } from 'node:path';
import { loadValidatedRegistry } from './agencies';
import type { Registry } from '../../server/src/core/agency/registry';

const PRIMARY =
  /(^|[/.])(gov\.cn|npc\.gov\.cn|xinhuanet\.com|news\.cn|people\.com\.cn|people\.cn)([/:]|$)|国办发〔\d{4}〕\d+号《中国反对拐卖人口行动计划/;

export function isPrimary(source: string): boolean {
  const url = /https?:\/\/([^/\s）)]+)/.exec(source);
  if (url && PRIMARY.test(url[1])) return true;
  return !url && PRIMARY.test(source);
}

export interface AuditRow {
  kind: 'central' | 'local' | 'sign' | 'reform' | 'kept';
  id: string;
  primary: boolean;
  unverified: boolean;
}

export function audit(registry: Registry): AuditRow[] {
  const rows: AuditRow[] = [];
  const res = (keys: string[] | undefined) => (keys ?? []).map((k) => registry.sources.get(k) ?? k);
  for (const [id, r] of registry.reforms) {
    rows.push({
      kind: 'reform',
      id,
      primary: res(r.sources).some(isPrimary),
      unverified: (r.unverified?.length ?? 0) > 0,
    });
  }
  for (const c of registry.central.values()) {
    const srcs = [...c.sources, ...(c.reform?.sources ?? [])];
    rows.push({
      kind: 'central',
      id: c.id,
      primary: srcs.some(isPrimary),
      unverified: (c.raw.unverified?.length ?? 0) > 0,
    });
  }
  for (const t of registry.local.values()) {
    const srcs = [...t.sources, ...(t.reform?.sources ?? [])];
    rows.push({
      kind: 'local',
      id: t.id,
      primary: srcs.some(isPrimary),
      unverified: (t.raw.unverified?.length ?? 0) > 0,
    });
  }
  // A province keeping a local name the reform ended elsewhere (keptIn).
  for (const t of registry.local.values())
    for (const k of t.raw.keptIn ?? [])
      rows.push({
        kind: 'kept',
        id: `${t.id}@${k.place}`,
        primary: res(k.sources).some(isPrimary),
        unverified: (k.unverified?.length ?? 0) > 0,
      });
  for (const list of registry.signs.values()) {
    for (const g of list)
      rows.push({
        kind: 'sign',
        id: `${g.sign}→${g.host}`,
        primary: res(g.sources).some(isPrimary),
        unverified: (g.unverified?.length ?? 0) > 0,
      });
  }
  return rows;
}

if (require.main === module) {
  const root = join(__dirname, '..', '..', '..');
  const rows = audit(loadValidatedRegistry(root).registry);
  const verbose = process.argv.includes('--verbose');
  for (const kind of ['reform', 'central', 'local', 'sign', 'kept'] as const) {
    const of = rows.filter((r) => r.kind === kind);
    const noPrimary = of.filter((r) => !r.primary);
    console.log(
      `${kind.padEnd(8)} ${String(of.length).padStart(4)} facts, ${String(noPrimary.length).padStart(4)} without a primary source, ${String(of.filter((r) => r.unverified).length).padStart(4)} with unverified parts`,
    );
    if (verbose) for (const r of noPrimary) console.log(`           ${r.id}`);
  }
  const none = rows.filter((r) => !r.primary).length;
  console.log(
    `total    ${String(rows.length).padStart(4)} facts, ${String(none).padStart(4)} rest on no primary source (gov.cn, npc.gov.cn, Xinhua, People's Daily, official local sites, the plans)`,
  );
}
