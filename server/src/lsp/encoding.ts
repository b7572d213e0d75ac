// Cheap serialisation of the two big messages of the server — textDocument/publishDiagnostics and the full report
// of textDocument/diagnostic — for the stdio writer (server.ts). A 1 MB document has ~5,000 diagnostics (~2.7 MB of
// JSON): JSON.stringify of the whole message and its UTF-8 encoding on every edit cost more than re-analysing the
// edited line. Diagnostics of unchanged lines are the same objects from one report to the next (diagnostics.ts),
// so each one is encoded once, to UTF-8 bytes kept beside it (`encoded`), and a message is an envelope and those
// bytes, copied into blocks of at most 64 KiB that are written as they are. The bytes are exactly JSON.stringify(diagnostic) in UTF-8; anything not recognised
// here goes through JSON.stringify as usual.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** UTF-8 JSON of objects that never change once built (the server's Diagnostic objects), filled on first use. */
const encoded = new WeakMap<object, Buffer>();
/** Objects whose JSON may be cached (registered by whoever guarantees that they are not mutated afterwards). */
const frozen = new WeakSet<object>();

/** Declare `o` immutable from now on: its JSON is computed once and reused by every message that carries it. */
export function markImmutable(o: object): void {
  frozen.add(o);
}

function itemBytes(o: unknown): Buffer {
  if (o !== null && typeof o === 'object' && frozen.has(o)) {
    let b = encoded.get(o);
    if (!b) encoded.set(o, (b = Buffer.from(JSON.stringify(o) ?? 'null', 'utf8')));
    return b;
  }
  return Buffer.from(JSON.stringify(o) ?? 'null', 'utf8');
}

const COMMA = Buffer.from(',');

/** Bytes gathered into blocks of BLOCK_BYTES: small pieces are copied in, large ones passed through. */
class Blocks {
  readonly out: Buffer[] = [];
  length = 0;
  private block: Buffer | undefined;
  private used = 0;

  put(b: Buffer): void {
    this.length += b.length;
    if (this.block && b.length <= this.block.length - this.used) {
      b.copy(this.block, this.used);
      this.used += b.length;
      return;
    }
    this.flush();
    if (b.length >= BLOCK_BYTES / 2) {
      this.out.push(b);
      return;
    }
    this.block = Buffer.allocUnsafe(BLOCK_BYTES);
    b.copy(this.block, 0);
    this.used = b.length;
  }

  done(): Buffer[] {
    this.flush();
    return this.out;
  }

  private flush(): void {
    if (this.block && this.used) this.out.push(this.block.subarray(0, this.used));
    this.block = undefined;
    this.used = 0;
  }
}

/** `prefix` + the items as a JSON array + `suffix`, in blocks. */
function withArray(prefix: string, items: unknown[], suffix: string): Buffer[] {
  const blocks = new Blocks();
  blocks.put(Buffer.from(prefix + '[', 'utf8'));
  for (let i = 0; i < items.length; i++) {
    if (i) blocks.put(COMMA);
    blocks.put(itemBytes(items[i]));
  }
  blocks.put(Buffer.from(']' + suffix, 'utf8'));
  return blocks.done();
}

function hasOnlyKeys(o: object, allowed: string[]): boolean {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) return false;
  return true;
}

/**
 * The UTF-8 JSON of a message, in blocks of at most BLOCK_BYTES (a single item larger than that alone). Equal (as JSON) to JSON.stringify(message); the diagnostics arrays of
 * publishDiagnostics and of full pull reports are assembled from their items' cached bytes.
 */
export function encodeMessage(message: Message): Buffer[] {
  const m = message as unknown as Record<string, unknown>;
  if (m.method === 'textDocument/publishDiagnostics' && hasOnlyKeys(m, ['jsonrpc', 'method', 'params'])) {
    const p = m.params as Record<string, unknown> | undefined;
    if (
      p &&
      typeof p.uri === 'string' &&
      Array.isArray(p.diagnostics) &&
      hasOnlyKeys(p, ['uri', 'version', 'diagnostics'])
    ) {
      const head = JSON.stringify({ jsonrpc: m.jsonrpc, method: m.method, params: { uri: p.uri, version: p.version } });
      // `{…,"params":{"uri":…,"version":…}}` → open the params object again for the array.
      return withArray(`${head.slice(0, -2)},"diagnostics":`, p.diagnostics, '}}');
    }
  }
  if ('id' in m && 'result' in m && hasOnlyKeys(m, ['jsonrpc', 'id', 'result'])) {
    const r = m.result as Record<string, unknown> | null;
    if (r && r.kind === 'full' && Array.isArray(r.items) && hasOnlyKeys(r, ['kind', 'resultId', 'items'])) {
      const head = JSON.stringify({ jsonrpc: m.jsonrpc, id: m.id, result: { kind: r.kind, resultId: r.resultId } });
      return withArray(`${head.slice(0, -2)},"items":`, r.items, '}}');
    }
  }
  return utf8Chunks(JSON.stringify(message));
}

/** A string as UTF-8, in pieces of at most BLOCK_BYTES (never splitting a surrogate pair). */
export function utf8Chunks(s: string): Buffer[] {
  const step = BLOCK_BYTES / 4; // ≤ 3 bytes per UTF-16 unit (4 per surrogate pair)
  if (s.length <= step) return [Buffer.from(s, 'utf8')];
  const out: Buffer[] = [];
  for (let i = 0; i < s.length;) {
    let j = Math.min(s.length, i + step);
    const c = s.charCodeAt(j - 1);
    if (j < s.length && c >= 0xd800 && c <= 0xdbff) j--;
    out.push(Buffer.from(s.slice(i, j), 'utf8'));
    i = j;
  }
  return out;
}

/**
 * Size of the blocks a message is written in. A message is never copied into one buffer of its own size: glibc's
 * malloc serves allocations above 128 KiB with mmap and, once such a block is freed, raises that threshold to the
 * block's size, so that every later multi-megabyte message came from the main heap and fragmented it (measured: the
 * server's peak RSS 14 MiB higher after 30 edits of a 1 MB document). Blocks of 64 KiB are reused by malloc.
 */
const BLOCK_BYTES = 64 * 1024;

/** The frame of a message: its Content-Length header, then the body's blocks. */
function frame(blocks: Buffer[]): Buffer[] {
  let length = 0;
  for (const b of blocks) length += b.length;
  const header = Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii');
  if (blocks.length === 1 && length + header.length <= BLOCK_BYTES) return [Buffer.concat([header, blocks[0]])];
  return [header, ...blocks];
}

/**
 * A MessageWriter over a byte stream (the LSP base protocol: Content-Length header, UTF-8 JSON body) that encodes
 * with encodeMessage. Messages are written in the order of the write calls.
 */
export class EncodingMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (e: Error) => this.fireError(e));
    output.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let blocks: Buffer[];
    try {
      blocks = frame(encodeMessage(message));
    } catch (e) {
      this.errorCount++;
      this.fireError(e instanceof Error ? e : new Error(String(e)), message, this.errorCount);
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      const done = (e?: Error | null) => {
        if (!e) {
          this.errorCount = 0;
          return resolve();
        }
        this.errorCount++;
        this.fireError(e, message, this.errorCount);
        reject(e);
      };
      const out = this.output as NodeJS.WritableStream & { cork?: () => void; uncork?: () => void };
      out.cork?.();
      for (let i = 0; i < blocks.length - 1; i++) out.write(blocks[i]);
      out.write(blocks[blocks.length - 1], done);
      out.uncork?.();
    });
  }

  end(): void {
    this.output.end();
  }
}
