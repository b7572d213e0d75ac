// Worker thread of action-plan-lint (bundled to dist/lint-worker.js): loads the engines once, then checks each file
// the main thread sends (pool.ts) and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { cliService } from './engines';
import { lintFile, plainMessages, type LintContext } from './lintFile';
import { customAgencyMessage, type WorkerInit, type WorkerRequest, type WorkerResponse } from './pool';

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const post = (m: WorkerResponse) => port.postMessage(m);
  let ctx: LintContext | undefined;
  try {
    const { service, problems } = cliService(init.customAgencies, init.today);
    if (problems.length) post({ type: 'fatal', error: customAgencyMessage(init.customAgencies!.source, problems) });
    else ctx = { service, settings: init.settings, fix: init.fix, mode: init.mode };
  } catch (e) {
    post({
      type: 'fatal',
      error: `无法加载数据 / cannot load the data: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  if (ctx) {
    const context = ctx;
    port.on('message', (m: WorkerRequest) => {
      void lintFile(m.task, context).then((result) =>
        post({ type: 'result', id: m.id, result: plainMessages(result) }),
      );
    });
  }
}
