// Document outline of a local plan (Markdown headings, 第一章/第一节/第一条, 一、（一）1.（1）), hierarchical.
import { throwIfCancelled, type CancellationLike } from '../types';

export type OutlineKind = 'heading' | 'chapter' | 'section' | 'article' | 'part' | 'subpart' | 'point' | 'subpoint';

export interface OutlineSymbol {
  name: string;
  kind: OutlineKind;
  /** Offsets: the whole entry (heading line to before the next entry of the same or a higher level). */
  start: number;
  end: number;
  /** Offsets: the heading text on its line. */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

const NAME_MAX = 60;
const CN = '[一二三四五六七八九十百零〇两]+';
const PATTERNS: Array<{ kind: OutlineKind; rank: number; re: RegExp }> = [
  { kind: 'chapter', rank: 10, re: new RegExp(`^第${CN}章`) },
  { kind: 'section', rank: 11, re: new RegExp(`^第${CN}节`) },
  { kind: 'article', rank: 12, re: new RegExp(`^第${CN}条`) },
  { kind: 'part', rank: 20, re: new RegExp(`^${CN}、`) },
  { kind: 'subpart', rank: 21, re: new RegExp(`^[（(]${CN}[）)]`) },
  { kind: 'point', rank: 22, re: /^\d{1,2}(?:[.．](?!\d)|、)/ },
  { kind: 'subpoint', rank: 23, re: /^[（(]\d{1,2}[）)]/ },
];

/** Trim a heading line to a short symbol name: up to the first 。 (or ：), at most NAME_MAX characters. */
function shortName(s: string): string {
  let t = s.trim();
  const stop = t.search(/[。：:]/);
  if (stop > 0) t = t.slice(0, stop);
  if (t.length > NAME_MAX) t = t.slice(0, NAME_MAX) + '…';
  return t;
}

export function documentOutline(text: string, token?: CancellationLike): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const stack: Array<{ sym: OutlineSymbol; rank: number }> = [];
  let inFence = false;
  let inFrontMatter = false;
  let pos = 0;
  let lineNo = 0;
  const close = (rankAtLeast: number, at: number) => {
    while (stack.length && stack[stack.length - 1].rank >= rankAtLeast) {
      stack.pop()!.sym.end = at;
    }
  };
  while (pos <= text.length) {
    let eol = pos;
    while (eol < text.length && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    const line = text.slice(pos, eol);
    if ((++lineNo & 255) === 0) throwIfCancelled(token);
    if (lineNo === 1 && line.trim() === '---') inFrontMatter = true;
    else if (inFrontMatter) {
      if (line.trim() === '---' || line.trim() === '...') inFrontMatter = false;
    } else if (/^\s{0,3}(```|~~~)/.test(line)) inFence = !inFence;
    else if (!inFence) {
      const lead = /^[\s\u3000]*/.exec(line)![0].length;
      const body = line.slice(lead);
      let kind: OutlineKind | undefined;
      let rank = 0;
      let nameStart = pos + lead;
      let name = '';
      const md = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(line);
      if (md && md[2]) {
        kind = 'heading';
        rank = md[1].length;
        nameStart = pos + line.indexOf(md[2], md[1].length);
        name = md[2];
      } else {
        for (const p of PATTERNS) {
          if (p.re.test(body)) {
            kind = p.kind;
            rank = p.rank;
            name = body;
            break;
          }
        }
      }
      if (kind) {
        const short = shortName(name);
        const sym: OutlineSymbol = {
          name: short,
          kind,
          start: pos,
          end: eol,
          selectionStart: nameStart,
          selectionEnd: nameStart + Math.min(name.trimEnd().length, short.endsWith('…') ? NAME_MAX : short.length),
          children: [],
        };
        close(rank, lastContentEnd(text, pos));
        (stack.length ? stack[stack.length - 1].sym.children : roots).push(sym);
        stack.push({ sym, rank });
      }
    }
    if (eol >= text.length) break;
    pos = eol + (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? 2 : 1);
  }
  close(-1, lastContentEnd(text, text.length));
  return roots;
}

/** End of the last non-empty line before `pos` (so an entry does not swallow the blank lines after it). */
function lastContentEnd(text: string, pos: number): number {
  let e = pos;
  while (e > 0 && /[\s\u3000]/.test(text[e - 1])) e--;
  return e;
}
