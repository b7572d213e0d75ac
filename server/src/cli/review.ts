// `action-plan-lint review IN.docx`: writes the reviewed copy (server/src/node/reviewFile.ts) and prints the findings as the
// checker does — text, or CONTRACT.md's JSON with `line` = paragraph index and `character` = UTF-16 unit in the
// paragraph's text (the same text and positions as checking the .docx). Findings in headers, footers and footnotes
// carry an extra `part` (e.g. "word/header1.xml"), their positions counting the paragraphs of that part.
import { resolve } from 'node:path';
import { messageOf, pick } from '../core/catalog/rules';
import { InMemoryDocument } from '../core/document';
import type { ReviewLang } from '../core/docx/review';
import type { Settings } from '../core/types';
import { defaultReviewOutput, reviewDateOf, reviewFile } from '../node/reviewFile';
import { cliLang, type CliArgs } from './args';
import { cliService, type CustomAgencies } from './engines';
import { colorsFor, countDiagnostics, escapeControl, formatText } from './format';
import { displayPath } from './input';
import type { FileDiagnostic, FileResult } from './lintFile';
import { customAgencyMessage } from './pool';

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const PART_LABEL: Record<string, string> = {
  header: '页眉 header',
  footer: '页脚 footer',
  footnotes: '脚注 footnotes',
  endnotes: '尾注 endnotes',
};

export async function review(
  args: CliArgs,
  settings: Settings,
  custom: CustomAgencies | undefined,
  today: string,
  io: Io,
  now: Date,
): Promise<number> {
  const input = resolve(io.cwd, args.positionals[0]);
  const output = args.output ? resolve(io.cwd, args.output) : defaultReviewOutput(input);
  const lang: ReviewLang = args.lang ?? cliLang(io.env);
  const { service, problems } = cliService(custom, today);
  if (problems.length) {
    io.stderr.write(`action-plan-lint: ${customAgencyMessage(custom!.source, problems)}\n`);
    return 2;
  }
  const r = await reviewFile({
    input,
    output,
    author: args.author,
    lang,
    date: reviewDateOf(now),
    analyze: (text) => service.analyze(text, settings).findings,
  });
  const file = displayPath(input, io.cwd);
  if ('error' in r) {
    io.stderr.write(`action-plan-lint: ${escapeControl(file)}: ${escapeControl(r.error)}\n`);
    if (args.format === 'json')
      io.stdout.write(JSON.stringify([{ file, error: r.error, diagnostics: [] }], null, 2) + '\n');
    return 2;
  }
  const results: Array<FileResult & { part?: string }> = r.review.stories
    .filter((s) => s.kind === 'body' || s.findings.length)
    .map((s) => {
      const doc = new InMemoryDocument(s.part, s.text);
      const diagnostics: FileDiagnostic[] = s.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: { zh: messageOf(f, 'zh'), en: messageOf(f, 'en') },
        range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
        data: f.data,
        excerpt: s.text.slice(f.start, f.end),
        fixable: false,
      }));
      diagnostics.sort(
        (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
      );
      return {
        file: s.kind === 'body' ? file : `${file} › ${PART_LABEL[s.kind]} ${s.part}`,
        part: s.kind === 'body' ? undefined : s.part,
        diagnostics,
        fixes: [],
      };
    });
  const written = displayPath(r.output, io.cwd);
  if (args.format === 'json') {
    const diagnostics = results.flatMap((res) =>
      res.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: lang === 'en' ? d.message.en : d.message.zh, // as the checker's JSON (formatJson)
        range: d.range,
        data: d.data,
        ...(res.part ? { part: res.part } : {}),
      })),
    );
    const entry = { file, output: written, comments: r.review.comments, revisions: r.review.revisions, diagnostics };
    io.stdout.write(JSON.stringify([entry], null, 2) + '\n');
  } else {
    const colors = colorsFor(io.stdout, io.env);
    io.stdout.write(formatText(results, colors, lang));
    io.stdout.write(
      colors.green(
        `✔ ${pick(
          {
            zh: `已写入审阅稿 ${written}：${r.review.comments} 条批注，${r.review.revisions} 处修订`,
            en: `wrote the reviewed copy ${written}: ${r.review.comments} comments, ${r.review.revisions} tracked changes`,
          },
          lang,
        )}`,
      ) + '\n',
    );
  }
  return countDiagnostics(results).error > 0 ? 1 : 0;
}
