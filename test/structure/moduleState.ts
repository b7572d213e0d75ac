// Finds module-level mutable state in a TypeScript source (used by core-purity.test.ts): a top-level `let` or `var`,
// a top-level or static `WeakMap` / `WeakSet` (only ever useful as a cache), and a top-level or static `Map`, `Set`,
// array or object literal that code inside a function changes (`.set`, `.add`, `.push`, `x[k] = …`, …). Filling a
// constant while the module loads is initialisation, not state; a function changing it is a module singleton.
// Parsed with the TypeScript 5 compiler API (devDependency "typescript5"; tsc 7 has no JavaScript API).
import type * as TS from 'typescript5';

const ts = require('typescript5') as typeof TS;

const MUTATORS = new Set([
  'set',
  'add',
  'delete',
  'clear',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
]);

/** `x as T`, `(x)`, `x satisfies T`, `x!` → x. */
function unwrap(e: TS.Expression): TS.Expression {
  while (
    ts.isAsExpression(e) ||
    ts.isParenthesizedExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isTypeAssertionExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** 'weak' for new WeakMap/WeakSet, 'container' for new Map/Set/Array, [] or {}, else undefined. */
function containerKind(init: TS.Expression | undefined): 'weak' | 'container' | undefined {
  if (!init) return undefined;
  const e = unwrap(init);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    const name = e.expression.text;
    if (name === 'WeakMap' || name === 'WeakSet') return 'weak';
    if (name === 'Map' || name === 'Set' || name === 'Array') return 'container';
  }
  if (ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e)) return 'container';
  return undefined;
}

function insideFunction(node: TS.Node): boolean {
  for (let p = node.parent; p; p = p.parent)
    if (ts.isFunctionLike(p) || ts.isClassStaticBlockDeclaration(p)) return true;
  return false;
}

/** The identifier (or `this.x` / `Class.x` name) an expression `target.` or `target[…]` is rooted at. */
function rootName(e: TS.Expression): string | undefined {
  e = unwrap(e);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) return `${e.expression.text}.${e.name.text}`;
  return undefined;
}

/** Each place of module-level mutable state in `text`, as "file:line: what". */
export function moduleState(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: string[] = [];
  const at = (n: TS.Node, what: string) =>
    out.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${what}`);
  // Names of top-level / static containers (a static one as "Class.name"), checked for changes below.
  const containers = new Map<string, TS.Node>();
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      const flags = st.declarationList.flags;
      const isConst = (flags & ts.NodeFlags.Const) !== 0;
      for (const d of st.declarationList.declarations) {
        const name = d.name.getText(sf);
        if (!isConst) {
          at(d, `top-level ${flags & ts.NodeFlags.Let ? 'let' : 'var'} ${name}`);
          continue;
        }
        const kind = containerKind(d.initializer);
        if (kind === 'weak') at(d, `top-level WeakMap/WeakSet ${name} (a cache)`);
        else if (kind === 'container' && ts.isIdentifier(d.name)) containers.set(name, d);
      }
    }
    if (ts.isClassDeclaration(st) && st.name) {
      for (const m of st.members) {
        if (!ts.isPropertyDeclaration(m) || !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
        const name = `${st.name.text}.${m.name.getText(sf)}`;
        const kind = containerKind(m.initializer);
        const readonly = m.modifiers.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword);
        if (!readonly) at(m, `static field ${name} (assignable)`);
        else if (kind === 'weak') at(m, `static WeakMap/WeakSet ${name} (a cache)`);
        else if (kind === 'container') containers.set(name, m);
      }
    }
  }
  const changed = new Set<string>();
  const visit = (n: TS.Node): void => {
    if (insideFunction(n)) {
      let target: string | undefined;
      // x.set(…), x.push(…), …
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        MUTATORS.has(n.expression.name.text)
      ) {
        target = rootName(n.expression.expression);
      }
      // x[k] = …, x.k = …, x[k] += …, delete x[k], x[k]++
      const lhs = (e: TS.Expression) =>
        ts.isElementAccessExpression(e) || ts.isPropertyAccessExpression(e) ? rootName(e.expression) : undefined;
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      ) {
        target = lhs(n.left);
      }
      if (ts.isDeleteExpression(n)) target = lhs(n.expression);
      if (
        (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
        (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)
      ) {
        target = lhs(n.operand);
      }
      if (target && containers.has(target) && !changed.has(target)) {
        changed.add(target);
        at(n, `module-level ${target} changed inside a function (a module singleton)`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
