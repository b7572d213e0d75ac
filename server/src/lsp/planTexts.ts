// Where the plan texts open: action-plan:/<plan>.txt for clients that know the scheme (the VS Code client), the
// shipped file otherwise; links carry a #L<line> fragment to the node.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engines } from '../core/analysis';
import { dataDir } from '../node/data';
import type { PlanLinker } from '../core/features/common';
import { planTextRange } from '../core/features/navigation';
import type { PlanNode } from '../core/plan/model';
import type { PlanId } from '../core/types';
import { PLAN_SCHEME } from '../protocol';

export class PlanTexts {
  constructor(
    private readonly engines: () => Engines,
    /** The scheme the client asked for (initializationOptions.planTextScheme), read at each call. */
    private readonly scheme: () => 'action-plan' | 'file',
  ) {}

  /** File of a shipped plan text. */
  file(plan: PlanId): string {
    const meta = this.engines().plans.meta(plan);
    const fromMeta = meta.textFile ? join(dataDir(), '..', meta.textFile) : undefined;
    return fromMeta && existsSync(fromMeta) ? fromMeta : join(dataDir(), 'plans', `${plan}.txt`);
  }

  /** URI of a plan text: action-plan:/<plan>.txt, or the shipped file for clients that do not know the scheme. */
  uri(plan: PlanId): string {
    if (this.scheme() === PLAN_SCHEME) return `${PLAN_SCHEME}:/${plan}.txt`;
    return pathToFileURL(this.file(plan)).href;
  }

  /** Link (with a #L<line> fragment) that opens the plan text at a node. */
  readonly link: PlanLinker = (plan: PlanId, node?: PlanNode) => {
    const base = this.uri(plan);
    if (!node) return base;
    const range = planTextRange(this.engines(), plan, node);
    return `${base}#L${range.start.line + 1}`;
  };
}
