// The language server's stdio transport: strict, linear LSP framing and the protocol's lifecycle rules, in front of
// vscode-languageserver's connection (which does neither: after one malformed header its reader never finds the
// next message, so the server stayed alive and deaf; it rescanned a growing header from the start on every chunk,
// so a 40 MB header line took quadratic time; and it answered requests before `initialize` and after `shutdown`).
//
// Framing (FrameReader): headers are scanned once (each chunk from where the last scan stopped) up to
// MAX_HEADER_BYTES; every header line must be `Name: value`, Content-Length exactly one run of decimal digits (at
// most MAX_BODY_BYTES), Content-Type, when given, UTF-8 JSON. A malformed header cannot be resynchronised safely (a
// body may contain anything, "Content-Length:" included), so it is logged on stderr and the process exits with
// status 1: every LSP client sees the server die and restarts it (VS Code does), instead of talking to a deaf one.
// A body that is not JSON keeps the framing intact: it is reported (and logged by the connection), and the next
// message is read as usual.
//
// Lifecycle (LifecycleGate): before `initialize`, requests are answered ServerNotInitialized (-32002) and
// notifications are dropped (nothing is read or analysed before the client has said whether the workspace is
// trusted), `exit` excepted; after `shutdown`, requests are answered InvalidRequest (-32600) and notifications other
// than `exit` are dropped; a request whose params are null is answered InvalidParams (-32602) — the library would
// otherwise fail inside its own handler wrapper with an InternalError.
import {
  AbstractMessageReader,
  Disposable,
  ErrorCodes,
  type DataCallback,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { StringDecoder } from 'node:string_decoder';
import { decodeValidUtf8Pieces } from '../node/utf8';

export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n');
const HEADER_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/;

export class FramingError extends Error {}

/** Parses one header block (without the blank line): the body length, or a FramingError. */
export function contentLength(block: string): number {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const m = HEADER_LINE.exec(line);
    if (!m) throw new FramingError(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    const name = m[1].toLowerCase();
    if (name === 'content-length') {
      if (length !== undefined) throw new FramingError('Content-Length given twice');
      if (!/^\d{1,10}$/.test(m[2]))
        throw new FramingError(`invalid Content-Length ${JSON.stringify(m[2].slice(0, 40))}`);
      length = Number(m[2]);
      if (length > MAX_BODY_BYTES) throw new FramingError(`Content-Length ${length} exceeds ${MAX_BODY_BYTES}`);
    } else if (name === 'content-type') {
      const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(m[2])?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8')
        throw new FramingError(`unsupported charset ${charset}`);
    }
  }
  if (length === undefined) throw new FramingError('no Content-Length header');
  return length;
}

/**
 * A MessageReader over a byte stream with strict, linear framing (see the file comment). `onFatal` is called once
 * with the reason of a framing error; nothing is read after it.
 */
export class FrameReader extends AbstractMessageReader implements MessageReader {
  private header: Buffer = Buffer.alloc(0);
  private body: Buffer[] = [];
  private bodyLength = 0;
  private need = -1;
  private dead = false;
  private callback: DataCallback | undefined;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly onFatal: (reason: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) =>
      this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onClose);
      this.input.off('close', onClose);
    });
  }

  private onData(data: Buffer): void {
    while (data.length && !this.dead) {
      if (this.need < 0) {
        const before = this.header.length;
        const take = data.subarray(0, Math.min(data.length, MAX_HEADER_BYTES + CRLFCRLF.length - before));
        this.header = before ? Buffer.concat([this.header, take]) : take;
        // Only the new bytes (and the three before them) are searched: linear in the header's length.
        const end = this.header.indexOf(CRLFCRLF, Math.max(0, before - 3));
        if (end < 0) {
          if (this.header.length > MAX_HEADER_BYTES) return this.fatal(`header longer than ${MAX_HEADER_BYTES} bytes`);
          data = data.subarray(take.length);
          continue;
        }
        const used = end + CRLFCRLF.length - before;
        try {
          this.need = contentLength(this.header.subarray(0, end).toString('latin1'));
        } catch (e) {
          return this.fatal(e instanceof Error ? e.message : String(e));
        }
        this.header = Buffer.alloc(0);
        data = data.subarray(used);
        if (this.need === 0) this.deliver('', 0);
      } else {
        const take = data.subarray(0, this.need - this.bodyLength);
        this.body.push(take);
        this.bodyLength += take.length;
        data = data.subarray(take.length);
        if (this.bodyLength === this.need) {
          const body = decodeBody(this.body);
          const length = this.bodyLength;
          this.body = [];
          this.bodyLength = 0;
          this.deliver(body, length);
        }
      }
    }
  }

  private deliver(body: string, bytes: number): void {
    this.need = -1;
    let message: Message;
    try {
      message = JSON.parse(body) as Message;
    } catch {
      this.fireError(new Error(`message body is not valid JSON (${bytes} bytes); skipped`));
      return;
    }
    try {
      this.callback?.(message);
    } catch (e) {
      this.fireError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private fatal(reason: string): void {
    this.dead = true;
    this.header = Buffer.alloc(0);
    this.body = [];
    this.onFatal(reason);
  }
}

/**
 * A message body's text. Decoded piece by piece, not concatenated first: a multi-megabyte Buffer would be one large
 * malloc block (see BLOCK_BYTES in encoding.ts). Valid UTF-8 (every real client's) is validated by simdutf and
 * converted by ICU (node/utf8.ts decodeValidUtf8Pieces: ≈ 1 ms for a 1 MB didOpen, where V8's decoder took ≈ 20 ms);
 * invalid bytes are decoded as before, with replacement characters.
 */
export function decodeBody(pieces: Buffer[]): string {
  return decodeValidUtf8Pieces(pieces) ?? (pieces.length === 1 ? pieces[0].toString('utf8') : decodePieces(pieces));
}

function decodePieces(pieces: Buffer[]): string {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for (const p of pieces) text += decoder.write(p);
  return text + decoder.end();
}

type State = 'new' | 'running' | 'shutdown';

/** The lifecycle rules of the LSP in front of a reader (see the file comment). */
export class LifecycleGate extends AbstractMessageReader implements MessageReader {
  private state: State = 'new';

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    super();
    inner.onError((e) => this.fireError(e));
    inner.onClose(() => this.fireClose());
    inner.onPartialMessage((info) => this.firePartialMessage(info));
  }

  /** Whether `shutdown` was received (the exit status on `exit` or end of input: 0 after it, else 1). */
  get shutdownReceived(): boolean {
    return this.state === 'shutdown';
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (this.admit(message)) callback(message);
    });
  }

  private admit(message: Message): boolean {
    const m = message as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof m.method !== 'string') return true; // responses and malformed messages: the connection handles them
    const method = m.method;
    const isRequest = m.id !== undefined;
    if (method === 'exit' && !isRequest) return true;
    if (this.state === 'new') {
      if (isRequest && method === 'initialize') {
        this.state = 'running';
        return true;
      }
      if (isRequest)
        this.reply(
          m.id,
          ErrorCodes.ServerNotInitialized,
          `服务器尚未初始化 / server not initialized (${method} before initialize)`,
        );
      else this.log(`[action-plan] ${method} before initialize: ignored`);
      return false;
    }
    if (this.state === 'shutdown') {
      if (isRequest)
        this.reply(
          m.id,
          ErrorCodes.InvalidRequest,
          `服务器正在关闭 / server is shutting down (${method} after shutdown)`,
        );
      return false;
    }
    if (isRequest && method === 'shutdown') {
      this.state = 'shutdown';
      return true;
    }
    if (m.params === null) {
      if (isRequest)
        this.reply(m.id, ErrorCodes.InvalidParams, `参数不能为 null / params must not be null (${method})`);
      else this.log(`[action-plan] ${method} with null params: ignored`);
      return false;
    }
    return true;
  }

  private reply(id: unknown, code: number, message: string): void {
    if (typeof id !== 'number' && typeof id !== 'string') return;
    this.writer.write({ jsonrpc: '2.0', id, error: { code, message } } as Message).catch(() => undefined);
  }
}
