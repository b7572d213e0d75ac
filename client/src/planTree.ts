// The Explorer view 行动计划 (id actionPlan.plans): both plans, part → section → (group →) measure → sub-item.
import * as vscode from 'vscode';
import {
  ClientCommands,
  PlanTreeRequest,
  type CoverageMapResult,
  type CoverageState,
  type PlanId,
  type PlanTreeNode,
  type PlanTreeResult,
} from './protocol';
import { lastSegment, locateByHeadings } from './util';
import type { ServerManager } from './serverManager';

export type TreeElement =
  | { type: 'plan'; plan: PlanId; title: string; nodes: PlanTreeNode[]; statusLabel?: string; textInCorpus?: boolean }
  | { type: 'node'; plan: PlanId; node: PlanTreeNode; parent: TreeElement };

export const NODE_CONTEXT = 'actionPlanNode';

/** Icons of the coverage states in the tree (the description carries the state in words as well). */
const STATE_ICONS: Record<CoverageState, { icon: string; color: string }> = {
  cited: { icon: 'pass', color: 'testing.iconPassed' },
  'cited-wrong-path-nearby': { icon: 'warning', color: 'list.warningForeground' },
  'expired-only': { icon: 'history', color: 'charts.purple' },
  'not-cited': { icon: 'circle-outline', color: 'disabledForeground' },
};
export const PLAN_CONTEXT = 'actionPlanPlan';

export class PlanTreeProvider implements vscode.TreeDataProvider<TreeElement>, vscode.Disposable {
  private data: Promise<PlanTreeResult | undefined> | undefined;
  private readonly emitter = new vscode.EventEmitter<TreeElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: vscode.Disposable;
  /** States of the coverage map shown now (path → state and its label), for the nodes of the mapped plan. */
  private coverage:
    { plan: PlanId; states: Map<string, CoverageState>; labels: CoverageMapResult['labels'] } | undefined;

  constructor(private readonly server: ServerManager) {
    // A restarted server may serve a newer index: reload.
    this.sub = server.onDidStart(() => this.refresh());
  }

  refresh(): void {
    this.data = undefined;
    this.emitter.fire(undefined);
  }

  /** Shows the coverage map's states on the nodes (descriptions and icons); undefined clears them. */
  setCoverage(result: CoverageMapResult | undefined): void {
    if (!result && !this.coverage) return;
    this.coverage = result && {
      plan: result.map.plan,
      states: new Map(
        result.map.parts.flatMap((p) => p.sections.flatMap((s) => s.cells.map((c) => [c.path, c.state] as const))),
      ),
      labels: result.labels,
    };
    this.emitter.fire(undefined);
  }

  /** Both plans' trees (cached until refresh). */
  tree(): Promise<PlanTreeResult | undefined> {
    return (this.data ??= (async () => {
      const client = await this.server.ready();
      if (!client) return undefined;
      try {
        const result = await client.sendRequest(PlanTreeRequest, {});
        return result && Array.isArray(result.plans) ? result : undefined;
      } catch (err) {
        this.server.outputChannel.error(`actionPlan/planTree: ${String(err)}`);
        this.data = undefined;
        return undefined;
      }
    })());
  }

  async getChildren(element?: TreeElement): Promise<TreeElement[]> {
    if (!element) {
      const tree = await this.tree();
      if (!tree) return [];
      return tree.plans.map((p) => ({
        type: 'plan' as const,
        plan: p.id,
        title: p.title,
        nodes: p.nodes ?? [],
        statusLabel: p.statusLabel,
        textInCorpus: p.textInCorpus,
      }));
    }
    const nodes = element.type === 'plan' ? element.nodes : (element.node.children ?? []);
    return nodes.map((node) => ({ type: 'node' as const, plan: element.plan, node, parent: element }));
  }

  getParent(element: TreeElement): TreeElement | undefined {
    return element.type === 'node' ? element.parent : undefined;
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    if (element.type === 'plan') {
      // A plan whose text is not in the corpus (2008—2012) has no nodes: it does not expand.
      const item = new vscode.TreeItem(
        `《${element.title}》`,
        element.nodes.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `plan:${element.plan}`;
      // Status on the reference date and "text not in the corpus", as the server words them (Chinese / English).
      item.description = element.statusLabel ?? '';
      item.contextValue = PLAN_CONTEXT;
      item.iconPath = new vscode.ThemeIcon('book');
      item.tooltip = element.title;
      return item;
    }
    const { node } = element;
    const hasChildren = (node.children ?? []).length > 0;
    const segment = lastSegment(node.path);
    const label = !node.heading || node.heading === segment ? segment : `${segment} ${node.heading}`;
    const item = new vscode.TreeItem(
      label,
      hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `node:${element.plan}:${node.path}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${node.citation}\n\n${node.heading}`);
    item.contextValue = NODE_CONTEXT;
    const state = this.coverage?.plan === element.plan ? this.coverage.states.get(node.path) : undefined;
    if (state && this.coverage) {
      const { symbol, label: text } = this.coverage.labels[state];
      item.description = `${symbol} ${text}`;
      item.iconPath = new vscode.ThemeIcon(STATE_ICONS[state].icon, new vscode.ThemeColor(STATE_ICONS[state].color));
      item.tooltip.appendText(`\n\n${symbol} ${text}`);
    }
    item.command = {
      command: ClientCommands.treeOpen,
      title: vscode.l10n.t('Open in plan text'),
      arguments: [element],
    };
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

/**
 * Where a node is in its plan's text: the server's `range` when it sends one, else the line of its heading, found
 * by searching the headings of its ancestors and itself in order.
 */
export function locateNode(
  element: Extract<TreeElement, { type: 'node' }>,
  doc: vscode.TextDocument,
): vscode.Range | undefined {
  const r = element.node.range;
  if (r) return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const headings: string[] = [];
  for (let e: TreeElement | undefined = element; e && e.type === 'node'; e = e.parent) headings.unshift(e.node.heading);
  const span = locateByHeadings(doc.getText(), headings);
  return span ? new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end)) : undefined;
}
