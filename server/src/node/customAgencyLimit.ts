// The size limit of a custom agency file, shared by the language server's settings store and the CLI (which must
// not load the LSP library to start).

/** Largest custom agency file read (a list of a few hundred local agencies is ~30 KB; 1 MB is ~15,000 entries). */
export const MAX_CUSTOM_AGENCIES_BYTES = 1024 * 1024;

export function customAgenciesTooLarge(path: string, size: number): string {
  return (
    `自定义机构文件 ${path} 过大（${size} 字节，上限 ${MAX_CUSTOM_AGENCIES_BYTES} 字节），未读取；内置机构库照常使用 / ` +
    `custom agency file ${path} is too large (${size} bytes, limit ${MAX_CUSTOM_AGENCIES_BYTES}); not read, the built-in registry keeps working`
  );
}
