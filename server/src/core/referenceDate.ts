// The reference date of a document (CONTRACT.md): a Markdown front-matter `date:` line, else a comment
// `<!-- action-plan: date=YYYY-MM-DD -->`, else the setting actionPlan.referenceDate, else today.
import type { Settings } from './types';
import { codeSpans, inSpans } from './suppression';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether s is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Accepts 2021-12-10, 2021/12/10, 2021.12.10, 2021年12月10日 (and single-digit month/day); returns YYYY-MM-DD. */
export function normaliseDate(s: string): string | undefined {
  const m = /^\s*["']?(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*["']?\s*$/.exec(s);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

export interface ReferenceDate {
  date: string;
  source: 'front-matter' | 'comment' | 'setting' | 'today';
}

const COMMENT = /<!--\s*action-plan:\s*date\s*=\s*([^\s>]+)\s*-->/;

export function referenceDateOf(text: string, settings: Pick<Settings, 'referenceDate'>, today: string): ReferenceDate {
  const fm = frontMatterDate(text);
  if (fm) return { date: fm, source: 'front-matter' };
  // Only the first 64 KiB are searched for the comment: it belongs at the top, and this bounds the work.
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  let m: RegExpExecArray | null = null;
  if (head.includes('action-plan:')) {
    // Only a real HTML comment counts: one quoted in inline code or a fenced code block is text.
    const code = codeSpans(head);
    const re = new RegExp(COMMENT.source, 'g');
    for (let x = re.exec(head); x; x = re.exec(head)) {
      if (!inSpans(code, x.index)) {
        m = x;
        break;
      }
    }
  }
  const fromComment = m && normaliseDate(m[1]);
  if (fromComment) return { date: fromComment, source: 'comment' };
  const fromSetting = settings.referenceDate && normaliseDate(settings.referenceDate);
  if (fromSetting) return { date: fromSetting, source: 'setting' };
  return { date: today, source: 'today' };
}

function frontMatterDate(text: string): string | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) return undefined;
  const firstEol = text.indexOf('\n', start);
  if (firstEol < 0 || text.slice(start, firstEol).trim() !== '---') return undefined;
  let pos = firstEol + 1;
  for (let i = 0; i < 200 && pos < text.length; i++) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol).replace(/\r$/, '');
    if (line.trim() === '---' || line.trim() === '...') return undefined;
    const m = /^date\s*[:：]\s*(.+)$/.exec(line);
    if (m) return normaliseDate(m[1]);
    pos = eol + 1;
  }
  return undefined;
}
