// The plan index as loaded by core/plan/index.ts from the committed data/index/plans.json and data/plans/*.txt.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlanIndex } from '../../../server/src/core/plan/index';
import { diskDataSource, sharedPlanIndex } from '../../../server/src/node/data';
import { inMemoryDataSource } from '../../../server/src/core/dataSource';
import { derived, type PlanNode } from '../../../server/src/core/plan/model';
import type { PlanId } from '../../../server/src/core/types';

const ROOT = join(__dirname, '..', '..', '..', '..');
const DATA = join(ROOT, 'data');
const t0 = performance.now();
const idx = loadPlanIndex(diskDataSource(DATA));
console.log(`# plan index loaded in ${(performance.now() - t0).toFixed(1)} ms`);
const PLANS: PlanId[] = ['2013-2020', '2021-2030'];

function count(plan: PlanId) {
  const c: Record<string, number> = {};
  for (const n of idx.nodes(plan)) c[n.kind] = (c[n.kind] ?? 0) + 1;
  return c;
}

describe('node counts (counted independently with grep on data/plans/*.txt)', () => {
  // grep -c '^[一二三]、' → parts; grep -c '^（[一二三四五六七八九十]）' → sections; grep -cE '^[12]\.' → groups;
  // grep -cE '^（[0-9]+）' → measures; grep -c '^——' → sub-items (seed: grep -c '^　*--' = 46, grep -c '^——' = 63).
  test('2013—2020', () => {
    assert.deepEqual(count('2013-2020'), {
      root: 1,
      notice: 1,
      preamble: 1,
      part: 3,
      section: 11,
      group: 12,
      measure: 26,
      item: 46,
    });
  });
  test('2021—2030', () => {
    assert.deepEqual(count('2021-2030'), {
      root: 1,
      notice: 1,
      preamble: 1,
      part: 3,
      section: 11,
      group: 12,
      measure: 29,
      item: 63,
    });
  });
  test('measures per section', () => {
    const per = (plan: PlanId) =>
      ['一', '二', '三', '四', '五', '六'].map((s) => idx.children(plan, `二（${s}）2`).length);
    assert.deepEqual(per('2013-2020'), [4, 4, 7, 2, 3, 6]);
    assert.deepEqual(per('2021-2030'), [5, 4, 7, 2, 4, 7]);
    assert.deepEqual(
      idx.children('2021-2030', '三').map((n) => n.path),
      ['三（一）', '三（二）', '三（三）'],
    );
    assert.deepEqual(idx.children('2021-2030', '三（二）'), []);
  });
});

describe('meta', () => {
  test('2013—2020: the catalog facts plus its text file', () => {
    const m = idx.meta('2013-2020');
    assert.deepEqual(
      [m.id, m.title, m.shortTitle, m.docNumber, m.noticeTitle, m.issued, m.successor, m.textInCorpus, m.textFile],
      [
        '2013-2020',
        '中国反对拐卖人口行动计划（2013—2020年）',
        '行动计划（2013—2020年）',
        '国办发〔2013〕19号',
        '国务院办公厅关于印发中国反对拐卖人口行动计划（2013—2020年）的通知',
        '2013-03-02',
        '2021-2030',
        true,
        'data/plans/2013-2020.txt',
      ],
    );
    assert.equal('status' in m, false, 'status depends on the reference date: not a field');
  });
  test('2021—2030: the catalog facts plus its text file', () => {
    const m = idx.meta('2021-2030');
    assert.deepEqual(
      [m.id, m.title, m.docNumber, m.issued, m.successor, m.predecessor, m.textInCorpus, m.textFile],
      [
        '2021-2030',
        '中国反对拐卖人口行动计划（2021—2030年）',
        '国办发〔2021〕13号',
        '2021-04-09',
        undefined,
        '2013-2020',
        true,
        'data/plans/2021-2030.txt',
      ],
    );
  });
  test('2008—2012: known by metadata only — no text, no nodes', () => {
    const m = idx.meta('2008-2012');
    assert.deepEqual(
      [m.title, m.shortTitle, m.docNumber, m.noticeTitle, m.issued, m.successor, m.textInCorpus, m.textFile],
      [
        '中国反对拐卖妇女儿童行动计划（2008—2012年）',
        '行动计划（2008—2012年）',
        '国办发〔2007〕69号',
        '国务院办公厅关于印发中国反对拐卖妇女儿童行动计划（2008—2012年）的通知',
        '2007-12-13',
        '2013-2020',
        false,
        undefined,
      ],
    );
    assert.equal(idx.text('2008-2012'), '');
    assert.deepEqual(idx.nodes('2008-2012'), []);
    assert.equal(idx.get('2008-2012', ''), undefined);
  });
  test('the notice states the issue date', () => {
    assert.ok(idx.get('2013-2020', '通知')!.text.endsWith('国务院办公厅\n2013年3月2日'));
    assert.ok(idx.get('2021-2030', '通知')!.text.endsWith('国务院办公厅\n2021年4月9日\n（此件公开发布）'));
  });
  test('text() is the committed file', () => {
    for (const p of PLANS) assert.equal(idx.text(p), readFileSync(join(DATA, 'plans', `${p}.txt`), 'utf8'));
  });
});

describe('lookup', () => {
  test('get, citation, heading, parent', () => {
    const n = idx.get('2021-2030', '二（一）2（3）第2项')!;
    assert.equal(n.kind, 'item');
    assert.equal(n.citation, '《行动计划（2021—2030年）》二（一）2（3）第2项');
    assert.equal(n.heading, '加强出生人口性别比综合治理工作，大力开展出生人口性别比偏高综合治理工作');
    assert.equal(n.parent, '二（一）2（3）');
    assert.equal(
      n.text,
      '——加强出生人口性别比综合治理工作，大力开展出生人口性别比偏高综合治理工作。（国务院反拐部际联席会议各成员单位负责）',
    );
    assert.equal(idx.get('2021-2030', '二（一）2（6）'), undefined);
    assert.equal(idx.get('2021-2030', '四'), undefined);
    assert.equal(idx.get('2013-2020', '')!.citation, '《行动计划（2013—2020年）》');
    assert.equal(idx.get('2013-2020', '')!.parent, undefined);
    assert.equal(idx.get('2013-2020', '一')!.parent, '');
    assert.equal(idx.get('2013-2020', '一（二）')!.heading, '总体目标');
    assert.equal(idx.get('2013-2020', '二（五）2')!.heading, '行动措施');
    assert.equal(idx.get('2013-2020', '三（三）')!.heading, '严格考核监督');
    assert.equal(idx.get('2013-2020', '序言')!.text.slice(0, 6), '为有效预防、');
  });
  test('root children and document order', () => {
    assert.deepEqual(
      idx.children('2021-2030', '').map((n) => n.path),
      ['通知', '序言', '一', '二', '三'],
    );
    assert.deepEqual(
      idx.children('2021-2030', '二（二）2（2）').map((n) => n.path.slice(-3)),
      ['第1项', '第2项', '第3项', '第4项', '第5项', '第6项'],
    );
    for (const p of PLANS) {
      const ns = idx.nodes(p);
      for (let i = 1; i < ns.length; i++) assert.ok(ns[i - 1].start <= ns[i].start, ns[i].path);
    }
    assert.equal(idx.nodes().length, idx.nodes('2013-2020').length + idx.nodes('2021-2030').length);
  });
  test('nodeAt returns the innermost node', () => {
    const text = idx.text('2021-2030');
    assert.equal(idx.nodeAt('2021-2030', text.indexOf('一长三包'))!.path, '二（二）2（1）第4项');
    assert.equal(idx.nodeAt('2021-2030', text.indexOf('依法严惩拐卖人口犯罪'))!.path, '二（二）2（2）');
    assert.equal(idx.nodeAt('2021-2030', text.indexOf('2.行动措施'))!.path, '二（一）2');
    assert.equal(idx.nodeAt('2021-2030', 0)!.path, '通知');
    // the plan title line belongs to the root only
    assert.equal(idx.nodeAt('2021-2030', text.indexOf('中国反对拐卖人口行动计划（2021—2030年）\n'))!.path, '');
    assert.equal(idx.nodeAt('2021-2030', text.length), undefined);
    assert.equal(idx.nodeAt('2021-2030', -1), undefined);
    // the "\n" after a node belongs to the innermost node that contains both neighbours
    const n = idx.get('2013-2020', '二（六）2（5）')!;
    assert.equal(idx.nodeAt('2013-2020', n.end - 1)!.path, n.path);
    assert.equal(idx.nodeAt('2013-2020', n.end)!.path, '二（六）2');
    const last = idx.get('2013-2020', '二（六）2（6）')!;
    assert.equal(idx.nodeAt('2013-2020', last.end)!.path, ''); // between part 二 and part 三
  });
  test('the Node host loads the plan index once per process', () => {
    assert.equal(sharedPlanIndex(), sharedPlanIndex());
    assert.equal(sharedPlanIndex().nodes().length, idx.nodes().length);
  });
  test('memo: a derived value is computed once per index and key, and kept by that index only', () => {
    const other = loadPlanIndex(diskDataSource(DATA));
    let calls = 0;
    const compute = () => ({ n: ++calls });
    const a = idx.memo!('test:derived', compute);
    assert.equal(idx.memo!('test:derived', compute), a);
    assert.equal(calls, 1);
    assert.notEqual(other.memo!('test:derived', compute), a);
    assert.equal(calls, 2);
    assert.deepEqual(derived({ ...idx, memo: undefined }, 'test:derived', compute), { n: 3 });
  });
});

describe('responsibility clauses', () => {
  const CLAUSE_LINE = /（([^（）]*(负责|配合|牵头|参与))）$/;
  test('every clause at the end of a line is attributed to the measure or item of that line', () => {
    for (const p of PLANS) {
      const lines = idx.text(p).split('\n');
      let clauses = 0;
      lines.forEach((line, i) => {
        const m = CLAUSE_LINE.exec(line);
        if (!m) return;
        clauses++;
        const owner = idx.nodes(p).find((n) => n.startLine === i && (n.kind === 'measure' || n.kind === 'item'));
        assert.ok(owner, `${p} line ${i}: clause outside a measure or item`);
        // independent split: parts by ，, names by 、, keyword stripped
        const lead: string[] = [];
        const coop: string[] = [];
        for (const part of m[1].split('，')) {
          const names = part.slice(0, -2).split('、');
          (/(负责|牵头)$/.test(part) ? lead : coop).push(...names);
        }
        assert.deepEqual(owner.lead, lead, owner.citation);
        assert.deepEqual(owner.cooperating, coop, owner.citation);
      });
      const withClause = idx.nodes(p).filter((n) => n.lead.length > 0 || n.cooperating.length > 0);
      assert.equal(withClause.length, clauses);
      // grep -cE '（[^（）]*(负责|配合|牵头|参与)）$' data/plans/*.txt → 70 and 90
      assert.equal(clauses, p === '2013-2020' ? 70 : 90);
    }
  });
  test('examples', () => {
    const g = (p: PlanId, path: string) => {
      const n = idx.get(p, path)!;
      return { lead: n.lead, cooperating: n.cooperating };
    };
    assert.deepEqual(g('2021-2030', '二（一）2（1）'), {
      lead: ['中央政法委', '公安部'],
      cooperating: [
        '中央网信办',
        '工业和信息化部',
        '教育部',
        '民政部',
        '司法部',
        '国家卫生健康委',
        '最高人民检察院',
        '全国妇联',
      ],
    });
    assert.deepEqual(g('2021-2030', '二（五）2（2）'), {
      lead: ['公安部'],
      cooperating: ['国务院反拐部际联席会议各成员单位'],
    });
    assert.deepEqual(g('2013-2020', '二（二）2（1）第1项'), {
      lead: ['国务院反拐部际联席会议各成员单位'],
      cooperating: [],
    });
    assert.deepEqual(g('2013-2020', '二（一）2（3）第2项'), { lead: ['民政部'], cooperating: [] });
    assert.deepEqual(g('2013-2020', '二（一）2（2）第10项'), { lead: ['司法部', '公安部'], cooperating: [] });
    assert.deepEqual(g('2021-2030', '二（五）2（1）第6项'), {
      lead: ['交通运输部', '文化和旅游部', '中国民航局', '中国国家铁路集团有限公司', '公安部'],
      cooperating: ['司法部', '财政部', '商务部', '共青团中央', '全国妇联'],
    });
  });
  test('a measure without its own clause has none; its items keep theirs', () => {
    for (const p of PLANS) {
      assert.deepEqual(g0(p, '二（二）2（2）'), [[], []]);
      assert.deepEqual(g0(p, '二（三）2（4）'), [[], []]);
      assert.deepEqual(g0(p, '二（二）2（2）第1项')[0].includes('公安部'), true);
    }
    // sections, groups, parts never carry a clause (三（一） mentions 负责 inside its text, not as a clause)
    for (const n of idx.nodes()) {
      if (n.kind !== 'measure' && n.kind !== 'item') assert.deepEqual([n.lead, n.cooperating], [[], []], n.citation);
    }
  });
  function g0(p: PlanId, path: string): [string[], string[]] {
    const n = idx.get(p, path)!;
    return [n.lead, n.cooperating];
  }
});

describe('spans: the plan text reassembles from the nodes', () => {
  // Definition: for every node, text === file.slice(start, end), startLine/endLine are the lines of start/end;
  // the children of a node lie inside it, in order, without overlap; what the parent holds outside its
  // children is (a) before the first child: the parent's own lines (its heading line, or for a measure its own
  // paragraph), each followed by "\n"; for the root the notice comes first and the plan title line sits between
  // the notice and the preamble; (b) between two children: exactly "\n"; (c) after the last child: nothing,
  // except the root's final "\n". Every leaf ends at the end of a line. Hence concatenating own lines and
  // children (joined by "\n") gives back the parent's text, and the root gives back the whole file.
  for (const p of PLANS) {
    test(p, () => {
      const file = idx.text(p);
      const lineOf = (off: number) => file.slice(0, off).split('\n').length - 1;
      for (const n of idx.nodes(p)) {
        assert.equal(n.text, file.slice(n.start, n.end), n.path);
        assert.equal(n.startLine, lineOf(n.start), n.path);
        assert.equal(n.endLine, lineOf(n.end), n.path);
        if (n.kind !== 'root') {
          assert.ok(n.start === 0 || file[n.start - 1] === '\n', `${n.path} starts a line`);
          assert.equal(file[n.end], '\n', `${n.path} ends a line`);
        }
        const kids = idx.children(p, n.path);
        assert.deepEqual(
          kids.map((k) => k.parent),
          kids.map(() => n.path),
        );
        if (kids.length === 0) continue;
        let rebuilt = '';
        let pos = n.start;
        kids.forEach((k, i) => {
          const gap = file.slice(pos, k.start);
          if (i === 0 && n.kind !== 'root') {
            const own = file.slice(n.start, k.start);
            assert.ok(own.endsWith('\n') && !own.slice(0, -1).includes('\n\n') && own.length > 1, n.path);
          } else if (n.kind === 'root' && k.path === '序言') {
            assert.equal(gap, `\n${idx.meta(p).title}\n`);
          } else {
            assert.equal(gap, i === 0 ? '' : '\n', `gap before ${k.path}`);
          }
          rebuilt += gap + k.text;
          pos = k.end;
        });
        rebuilt += file.slice(pos, n.end);
        assert.equal(rebuilt, n.text);
        assert.equal(file.slice(pos, n.end), n.kind === 'root' ? '\n' : '', `${n.path} ends with its last child`);
      }
      const root = idx.get(p, '')!;
      assert.equal(root.text, file);
    });
  }
  test('own lines of containers are exactly their heading lines', () => {
    const own = (p: PlanId, path: string) => {
      const n = idx.get(p, path)!;
      const first = idx.children(p, path)[0];
      return idx.text(p).slice(n.start, first.start);
    };
    assert.equal(own('2021-2030', '二'), '二、行动措施和任务分工\n');
    assert.equal(own('2021-2030', '二（三）'), '（三）加强被拐卖受害人的救助、安置、康复和回归社会工作。\n');
    assert.equal(own('2021-2030', '二（三）2'), '2.行动措施。\n');
    assert.equal(own('2013-2020', '二（二）2（2）'), '（2）依法严惩拐卖人口犯罪。\n');
  });
});

describe('crosswalk 2013 → 2021', () => {
  const succ = (path: string) => idx.get('2013-2020', path)!.successor;
  test('hand-checked counterparts', () => {
    // 一长三包责任制
    assert.deepEqual(succ('二（二）2（1）第3项'), {
      path: '二（二）2（1）第4项',
      citation: '《行动计划（2021—2030年）》二（二）2（1）第4项',
      score: 0.985,
    });
    // 儿童失踪快速查找机制
    assert.deepEqual(succ('二（二）2（1）第4项'), {
      path: '二（二）2（1）第5项',
      citation: '《行动计划（2021—2030年）》二（二）2（1）第5项',
      score: 1,
    });
    // 完善全国打拐DNA信息库
    assert.deepEqual(succ('二（二）2（3）'), {
      path: '二（二）2（3）',
      citation: '《行动计划（2021—2030年）》二（二）2（3）',
      score: 0.926,
    });
    // 规范婚姻登记工作。规范收养渠道。 → 规范婚姻登记管理。…
    assert.deepEqual(succ('二（一）2（3）第2项'), {
      path: '二（一）2（3）第1项',
      citation: '《行动计划（2021—2030年）》二（一）2（3）第1项',
      score: 0.367,
    });
    // 来历不明儿童摸排 (DNA sampling) → the same item, now 第7项
    assert.equal(succ('二（二）2（1）第5项')!.path, '二（二）2（1）第7项');
    // 老少边贫地区扶持 → 乡村振兴、脱贫地区妇女扶持 (the lowest true match, above the threshold)
    assert.deepEqual(succ('二（一）2（2）第5项'), {
      path: '二（一）2（2）第7项',
      citation: '《行动计划（2021—2030年）》二（一）2（2）第7项',
      score: 0.194,
    });
    // 国际警务合作: 2021 inserted a new （3）, so 2013 （3）…（6） move to （4）…（7）
    assert.deepEqual(
      ['二（六）2（3）', '二（六）2（4）', '二（六）2（5）', '二（六）2（6）'].map((x) => succ(x)!.path),
      ['二（六）2（4）', '二（六）2（5）', '二（六）2（6）', '二（六）2（7）'],
    );
  });
  test('计划生育服务和孕情管理 has no counterpart', () => {
    assert.equal(succ('二（一）2（2）第4项'), null);
  });
  test('every 2013 measure and item has a successor field, nothing else has', () => {
    for (const n of idx.nodes()) {
      const should = n.plan === '2013-2020' && (n.kind === 'measure' || n.kind === 'item');
      assert.equal(n.successor !== undefined, should, n.citation);
      if (n.successor) {
        const target = idx.get('2021-2030', n.successor.path) as PlanNode;
        assert.ok(target && (target.kind === 'measure' || target.kind === 'item'));
        assert.equal(n.successor.citation, target.citation);
        assert.ok(n.successor.score >= 0.15 && n.successor.score <= 1);
      }
    }
    const nulls = idx
      .nodes('2013-2020')
      .filter((n) => n.successor === null)
      .map((n) => n.path);
    assert.deepEqual(nulls, ['二（一）2（2）第4项']);
  });
});

describe('node texts', () => {
  test('plans.json records no node text; the loaded node has it: the plan text between its offsets, right after heading', () => {
    const file = JSON.parse(readFileSync(join(DATA, 'index', 'plans.json'), 'utf8')) as {
      plans: Array<{ nodes: Array<Record<string, unknown>> }>;
    };
    for (const p of file.plans) for (const n of p.nodes) assert.ok(!('text' in n), String(n.path));
    // every key of the file is kept, in its order, with text inserted after heading
    for (const p of file.plans) {
      for (const n of p.nodes) {
        const loaded = idx.get(p.nodes[0].plan as PlanId, n.path as string)!;
        const keys = Object.keys(n);
        keys.splice(keys.indexOf('heading') + 1, 0, 'text');
        assert.deepEqual(Object.keys(loaded), keys, String(n.path));
        for (const k of Object.keys(n)) assert.deepEqual(loaded[k as keyof PlanNode], n[k], `${n.path} ${k}`);
      }
    }
    for (const plan of PLANS) {
      const text = readFileSync(join(DATA, 'plans', `${plan}.txt`), 'utf8');
      assert.equal(idx.text(plan), text);
      for (const n of idx.nodes(plan)) {
        assert.equal(n.text, text.slice(n.start, n.end), n.path);
        const keys = Object.keys(n);
        assert.equal(keys[keys.indexOf('heading') + 1], 'text', n.path);
      }
      assert.ok(idx.get(plan, '')!.text.startsWith('国务院办公厅'), plan);
    }
  });
});

test('plan texts checked out with \r\n line breaks (core.autocrlf) give the same node texts: offsets are over \n text', () => {
  const files: Record<string, string> = {};
  for (const f of ['index/plans.json', 'index/t2s.json']) files[f] = readFileSync(join(DATA, f), 'utf8');
  for (const plan of PLANS) {
    const lf = readFileSync(join(DATA, 'plans', `${plan}.txt`), 'utf8');
    assert.ok(!lf.includes('\r'));
    files[`plans/${plan}.txt`] = lf.replace(/\n/g, '\r\n');
  }
  const crlf = loadPlanIndex(inMemoryDataSource(files));
  for (const plan of PLANS) {
    const want = idx.nodes(plan).map((n) => [n.path, n.text]);
    assert.deepEqual(
      crlf.nodes(plan).map((n) => [n.path, n.text]),
      want,
    );
  }
});
