/**
 * Stage SetRuleTree (with OPA's CheckRuleConflicts): where each rule sits in the rule
 * tree and what kind it is, before any body is compiled, so calls and refs can be
 * resolved against the tree.
 */
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import { refText, stringKeyText } from "../ast/ref-name.js";
import { packageKey, type CompileContext, type ModuleInfo } from "./context.js";
import { nodeName, type RuleKind, type RuleNode } from "./plan.js";

/** Where a rule goes: its node, the head terms below the node, and its kind. */
export interface Placement {
  readonly info: ModuleInfo;
  readonly node: RuleNode;
  readonly keys: readonly A.Term[];
  readonly kind: RuleKind;
}

/** The rule's full path: package, name, then head ref steps. */
export function headPath(info: ModuleInfo, rule: A.Rule): { ground: string[]; keys: A.Term[] } {
  const ref = rule.head.ref;
  const ground = [...info.pkg, ref.head.type === "Var" ? ref.head.name : ""];
  let i = 0;
  for (; i < ref.path.length; i++) {
    const step = ref.path[i]!;
    if (step.type !== "String") break;
    ground.push(step.value);
  }
  return { ground, keys: ref.path.slice(i) };
}

type Category = "function" | "complete" | "set" | "object";

function category(rule: A.Rule, keys: readonly A.Term[]): Category {
  if (rule.head.args) return "function";
  if (keys.length > 0) return "object";
  return rule.head.contains ? "set" : "complete";
}

export function setRuleTree(ctx: CompileContext): Map<A.Rule, Placement> {
  const placements = new Map<A.Rule, Placement>();
  const categories = new Map<RuleNode, Definition[]>();
  for (const info of ctx.modules) {
    ctx.node(info.pkg);
    for (const rule of info.module.rules) {
      const { ground, keys } = headPath(info, rule);
      const node = ctx.node(ground);
      const cat = category(rule, keys);
      const kind: RuleKind = cat === "function" ? "function" : cat === "complete" ? "complete" : "multi";
      for (let r: A.Rule | undefined = rule; r; r = r.else) placements.set(r, { info, node, keys, kind });
      let list = categories.get(node);
      if (!list) categories.set(node, (list = []));
      list.push({ cat, rule, pkgLoc: info.module.package.loc });
      if (cat === "function") {
        const arity = rule.head.args!.length;
        if (node.arity === undefined) node.arity = arity;
      }
    }
  }
  for (const [node, list] of categories) checkNode(ctx, node, list, categories);
  checkPackagesAtRules(ctx);
  return placements;
}

/**
 * A package declared exactly where a rule is (`package a.b.r` beside rule `r` of
 * `package a.b`), as OPA's checkRuleConflicts reports it: at the rule's package, once
 * per module of the other package. Rules whose head has a variable key are left to
 * evaluation, as there.
 */
function checkPackagesAtRules(ctx: CompileContext): void {
  const byPackage = new Map<string, ModuleInfo[]>();
  for (const info of ctx.modules) byPackage.set(packageKey(info.pkg), [...(byPackage.get(packageKey(info.pkg)) ?? []), info]);
  for (const info of ctx.modules) {
    for (const rule of info.module.rules) {
      const { ground, keys } = headPath(info, rule);
      if (keys.length > 0) continue;
      for (const other of byPackage.get(packageKey(ground)) ?? []) {
        if (other === info) continue;
        ctx.typeError(`package ${packageText(other.pkg)} conflicts with rule ${refText(rule.head.ref)} defined at ${rule.loc.file}:${rule.loc.row}`, info.module.package.loc);
      }
    }
  }
}

/** `a.b["c-d"]`: a package path as OPA prints it after `package`. */
function packageText(pkg: readonly string[]): string {
  const text = pkg.map(stringKeyText).join("");
  return text.startsWith(".") ? text.slice(1) : text;
}

/** A rule placed at a node: its category, and where its module's package is declared. */
interface Definition {
  readonly cat: Category;
  readonly rule: A.Rule;
  readonly pkgLoc: Location;
}

function checkNode(ctx: CompileContext, node: RuleNode, list: Definition[], placed: ReadonlyMap<RuleNode, unknown>): void {
  const name = nodeName(node);
  const cats = new Set(list.map((x) => x.cat));
  const first = list[0]!.rule;
  const exclusive = [...cats].filter((c) => c !== "object");
  if (exclusive.length > 1 || (exclusive.length === 1 && cats.has("object"))) {
    ctx.typeError(`conflicting rules ${name} found`, first.loc);
    return;
  }
  if (cats.has("function")) {
    const arities = new Set(list.map((x) => x.rule.head.args!.length));
    if (arities.size > 1) ctx.typeError(`conflicting rules ${name} found`, first.loc);
  }
  const defaults = list.filter((x) => x.rule.default);
  if (defaults.length > 1) {
    // As OPA: every default's file:row, reported at the first one's package.
    const at = defaults.map((x) => `${x.rule.loc.file}:${x.rule.loc.row}`).join(", ");
    ctx.typeError(`multiple default rules ${name} found at ${at}`, defaults[0]!.pkgLoc);
  }
  if ((cats.has("complete") || cats.has("set") || cats.has("function")) && node.children.size > 0) {
    const below = descendantsWithRules(node, placed).map(nodeName);
    if (below.length > 0) ctx.typeError(`rule ${name} conflicts with [${below.join(" ")}]`, first.loc);
  }
}

function descendantsWithRules(node: RuleNode, placed: ReadonlyMap<RuleNode, unknown>): RuleNode[] {
  const out: RuleNode[] = [];
  const visit = (n: RuleNode): void => {
    for (const child of n.children.values()) {
      if (placed.has(child)) out.push(child);
      visit(child);
    }
  };
  visit(node);
  return out;
}
