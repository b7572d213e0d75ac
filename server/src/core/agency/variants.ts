// Local variants: local bodies that merged several functions are named in many ways from place to place
// (县文化广电和旅游局, 县文化广电旅游体育局, 县文体广电和旅游局, 县文化和旅游体育局 …). A name the registry does not list
// that is made only of pieces of the names of one local body and of the bodies it replaced or became (its reform
// family), and ends as the suggested name does, is such a variant: an unlisted name (information), not a misspelling
// (a warning whose suggestion drops a function of the body). A piece that occurs in none of those names (旅油局), or
// another ending (县…厅 for a county's …局), keeps the near miss.
import type { LocalTemplate } from './registry';

/**
 * Whether `rest` (a name after its place: 文体广电和旅游局) is another way of naming a body whose family has `names`:
 * a run of pieces of at least two characters, each occurring in one of the names, the first starting one and the last
 * ending one (文体|广电和旅游局: 文体旅局, 文化广电和旅游局); single characters do not count, so a wrong character
 * makes a piece that no name holds (旅油局, 委员局). And not one of the names with one character other than 和 left
 * out (县文化广电和旅局, 县市场监管理局): that is a misspelling, though its pieces are known.
 */
export function variantOf(rest: string, names: readonly string[]): boolean {
  const n = rest.length;
  if (n < 3 || names.includes(rest)) return false;
  if (leftOutOfAny(rest, names)) return false;
  if (doubledWord(rest)) return false;
  // ok[i]: rest[0, i) is such a run.
  const ok: boolean[] = [true];
  for (let i = 0; i < n; i++) {
    if (!ok[i]) continue;
    for (let j = i + 2; j <= n; j++) {
      if (ok[j]) continue;
      const piece = rest.slice(i, j);
      let found = false;
      for (const x of names) {
        const at = i === 0 ? (x.startsWith(piece) ? 0 : -1) : x.indexOf(piece);
        if (at < 0) continue;
        // The last piece ends a name (一…局); an inner piece anywhere.
        if (j < n || x.endsWith(piece)) found = true;
        if (found) break;
      }
      if (found) ok[j] = true;
      else if (j < n && !names.some((x) => x.includes(piece))) break; // no longer piece from i occurs either
    }
  }
  return ok[n] === true;
}

/** Whether `short` is `long` with one character other than 和 left out. */
function oneLeftOut(long: string, short: string): boolean {
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  return long.charAt(i) !== '和' && long.slice(i + 1) === short.slice(i);
}

/** Whether `rest` writes a word of two or more characters twice in a row (公安公安局): a slip, not another naming. */
function doubledWord(rest: string): boolean {
  for (let len = 2; len * 2 <= rest.length; len++)
    for (let i = 0; i + 2 * len <= rest.length; i++) if (rest.startsWith(rest.slice(i, i + len), i + len)) return true;
  return false;
}

/**
 * Every name of a local template (names, bare names, forms and short forms) → the names of its reform family: the
 * template, the templates it became (successors) and those that became it.
 */
export function localFamilies(templates: Iterable<LocalTemplate>): Map<string, readonly string[]> {
  const all = [...templates];
  const own = new Map<string, string[]>();
  for (const t of all) {
    const names = new Set<string>(t.raw.names);
    for (const n of t.raw.bareNames ?? []) names.add(n);
    for (const forms of [t.raw.forms, t.raw.shortForms])
      for (const n of Object.values(forms ?? {})) if (typeof n === 'string') names.add(n);
    own.set(t.id, [...names]);
  }
  const family = new Map<string, Set<string>>();
  const join = (a: string, b: string) => {
    if (!own.has(a) || !own.has(b)) return;
    (family.get(a) ?? family.set(a, new Set([a])).get(a)!).add(b);
    (family.get(b) ?? family.set(b, new Set([b])).get(b)!).add(a);
  };
  for (const t of all) {
    family.get(t.id) ?? family.set(t.id, new Set([t.id]));
    for (const s of t.raw.successors ?? []) join(t.id, s);
  }
  const out = new Map<string, readonly string[]>();
  for (const t of all) {
    const names: string[] = [];
    for (const id of family.get(t.id)!) names.push(...own.get(id)!);
    for (const n of own.get(t.id)!) {
      // A name two templates share (rare) gets both families.
      const prev = out.get(n);
      out.set(n, prev ? [...prev, ...names] : names);
    }
  }
  return out;
}

/**
 * Whether `written` is the name `close` with one character added inside it (县委外宣办 for 县委外办, 县公安分局 for
 * 县公安局), not a character doubled beside itself: a more specific name, likely another body, so no misspelling of
 * `close`. (Two added characters are as often two swapped ones: 县文化电广和旅游局 for 县文化和旅游局.) (Whether it is another name with a character left out, 县市场监管理局 for 县市场监督管理局, is
 * the caller's question.)
 */
export function widened(written: string, close: string): boolean {
  const extra = written.length - close.length;
  if (extra !== 1) return false;
  let i = 0;
  while (i < close.length && written.charCodeAt(i) === close.charCodeAt(i)) i++;
  // Inside: after the first character and before the last one.
  if (i === 0 || i === close.length || written.slice(i + extra) !== close.slice(i)) return false;
  // An ideograph (a space or a mark inside a name is a slip: 市 民政局), not doubled beside itself.
  const c = written.charCodeAt(i);
  return c >= 0x4e00 && c <= 0x9fff && written[i] !== written[i - 1] && written[i] !== written[i + 1];
}

/** Whether `written` is one of `names` with one character other than 和 left out (县市场监管理局). */
export function leftOutOfAny(written: string, names: readonly string[]): boolean {
  for (const x of names) if (x.length === written.length + 1 && oneLeftOut(x, written)) return true;
  return false;
}

/**
 * Whether the folded `written` widens one of its close suggestions (`close`, folded) and misses a character of none:
 * no misspelling of them (县委外宣办 beside 县委外办; not 县市场监管理局 beside 县市场监督管理局).
 */
export function widening(written: string, close: readonly string[]): boolean {
  return close.some((x) => widened(written, x)) && !leftOutOfAny(written, close);
}
