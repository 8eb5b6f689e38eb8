/**
 * The executor of Go's text/template over template values. Errors read as Go's:
 * `template: NAME:LINE:COL: executing "NAME" at <NODE>: ...`. A map key that is
 * absent prints as OPA prints it, "<undefined>".
 */
import { argString, pipeString, type Arg, type Command, type Node, type NumberNode, type Pipe } from "./nodes.js";
import { FuncError, callFunction } from "./funcs.js";
import type { Parsed } from "./parse.js";
import { GoFloat, GoInt, JsonNumber, MISSING, formatV, goType, isMap, isSlice, sortedMapKeys, truth, type TVal, type TValue } from "./value.js";

const NAME = "template";
/** Deepest nesting of {{template}} calls, as Go's maxExecDepth. */
const MAX_EXEC_DEPTH = 100000;
/** Largest output, guarding against runaway templates. */
const MAX_OUTPUT = 1 << 26;

export class ExecError extends Error {}

const BREAK = Symbol("break");
const CONTINUE = Symbol("continue");
/** No previous pipeline value (Go's `missingVal`). */
const NO_FINAL = Symbol("no final");
type Final = TVal | typeof NO_FINAL;

interface Variable {
  readonly name: string;
  value: TVal;
}

export function execute(tree: Parsed, text: string, data: TValue): string {
  return new State(tree, text, data).run();
}

class State {
  out = "";
  vars: Variable[];
  depth = 0;
  node: { pos: number; desc: string } | undefined;

  readonly tree: Parsed;
  readonly text: string;

  constructor(tree: Parsed, text: string, data: TValue) {
    this.tree = tree;
    this.text = text;
    this.vars = [{ name: "$", value: data }];
  }

  run(): string {
    this.walkList(this.vars[0]!.value, this.tree.root);
    return this.out;
  }

  at(pos: number, desc: string): void {
    this.node = { pos, desc };
  }

  errorf(msg: string): never {
    if (!this.node) throw new ExecError(`template: ${NAME}: ${msg}`);
    const before = this.text.slice(0, this.node.pos);
    const line = before.split("\n").length;
    const col = this.node.pos - (before.lastIndexOf("\n") + 1);
    throw new ExecError(`template: ${NAME}:${line}:${col}: executing "${NAME}" at <${this.node.desc}>: ${msg}`);
  }

  write(s: string): void {
    this.out += s;
    if (this.out.length > MAX_OUTPUT) this.errorf("output too large");
  }

  mark(): number {
    return this.vars.length;
  }

  pop(mark: number): void {
    this.vars.length = mark;
  }

  setVar(name: string, value: TVal): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  setTopVar(n: number, value: TVal): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  varValue(name: string): TVal {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  walkList(dot: TVal, list: readonly Node[]): void {
    for (const n of list) this.walk(dot, n);
  }

  walk(dot: TVal, node: Node): void {
    switch (node.t) {
      case "text":
        this.write(node.text);
        return;
      case "action": {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(val);
        return;
      }
      case "if":
      case "with": {
        const mark = this.mark();
        const val = this.evalPipeline(dot, node.pipe);
        if (truth(val)) this.walkList(node.t === "with" ? val : dot, node.list);
        else if (node.elseList) this.walkList(dot, node.elseList);
        this.pop(mark);
        return;
      }
      case "range":
        this.walkRange(dot, node);
        return;
      case "template":
        this.walkTemplate(dot, node);
        return;
      case "break":
        throw BREAK;
      case "continue":
        throw CONTINUE;
    }
  }

  printValue(v: TVal): void {
    if (v === MISSING) this.write("<undefined>");
    else if (v === null) this.write("<no value>");
    else this.write(formatV(v));
  }

  walkRange(dot: TVal, node: Extract<Node, { t: "if" | "with" | "range" }>): void {
    const outer = this.mark();
    this.at(node.pos, pipeString(node.pipe));
    const val = this.evalPipeline(dot, node.pipe);
    const mark = this.mark();
    const decl = node.pipe.decl;
    const one = (index: TVal, elem: TVal): boolean => {
      if (decl.length > 0) {
        if (node.pipe.isAssign) this.setVar(decl[0]!, decl.length > 1 ? index : elem);
        else this.setTopVar(1, elem);
      }
      if (decl.length > 1) {
        if (node.pipe.isAssign) this.setVar(decl[1]!, elem);
        else this.setTopVar(2, index);
      }
      try {
        this.walkList(elem, node.list);
      } catch (e) {
        if (e === BREAK) return false;
        if (e !== CONTINUE) throw e;
      } finally {
        this.pop(mark);
      }
      return true;
    };
    let empty = true;
    if (isSlice(val)) {
      empty = val.length === 0;
      for (let i = 0; i < val.length; i++) if (!one(new GoInt(i), val[i]!)) break;
    } else if (isMap(val)) {
      empty = val.size === 0;
      for (const k of sortedMapKeys(val)) if (!one(k, val.get(k)!)) break;
    } else if (val instanceof GoInt) {
      empty = val.value <= 0;
      if (decl.length > 1) this.errorf("can't use " + formatV(val) + " to iterate over more than one variable");
      for (let i = 0; i < val.value; i++) if (!one(new GoInt(i), new GoInt(i))) break;
    } else if (val !== MISSING && val !== null) {
      this.at(node.pos, pipeString(node.pipe));
      this.errorf(`range can't iterate over ${formatV(val)}`);
    }
    if (empty && node.elseList) this.walkList(dot, node.elseList);
    this.pop(outer);
  }

  walkTemplate(dot: TVal, node: Extract<Node, { t: "template" }>): void {
    this.at(node.pos, `{{template ${JSON.stringify(node.name)}${node.pipe ? " " + pipeString(node.pipe) : ""}}}`);
    const tmpl = this.tree.defines.get(node.name);
    if (!tmpl) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const value = node.pipe ? this.evalPipeline(dot, node.pipe) : null;
    const saved = this.vars;
    this.vars = [{ name: "$", value }];
    this.depth++;
    try {
      this.walkList(value, tmpl);
    } finally {
      this.depth--;
      this.vars = saved;
    }
  }

  evalPipeline(dot: TVal, pipe: Pipe): TVal {
    this.at(pipe.pos, pipeString(pipe));
    let value: Final = NO_FINAL;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const v = value === NO_FINAL ? MISSING : value;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, v);
      else this.vars.push({ name, value: v });
    }
    return v;
  }

  notAFunction(args: readonly Arg[], final: Final): void {
    if (args.length > 1 || final !== NO_FINAL) this.errorf(`can't give argument to non-function ${argString(args[0]!)}`);
  }

  evalCommand(dot: TVal, cmd: Command, final: Final): TVal {
    const first = cmd.args[0]!;
    switch (first.t) {
      case "field":
        this.at(first.pos, argString(first));
        return this.evalFieldChain(dot, dot, first.idents, cmd.args, final);
      case "chain": {
        this.at(first.pos, argString(first));
        if (first.fields.length === 0) this.errorf("internal error: no fields in evalChainNode");
        if (first.node.t === "nil") this.errorf(`indirection through explicit nil in ${argString(first)}`);
        const pipe = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, pipe, first.fields, cmd.args, final);
      }
      case "identifier":
        return this.evalFunction(dot, first, cmd.args, final, commandString(cmd));
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first.pipe);
      case "variable":
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first.pos, argString(first));
    this.notAFunction(cmd.args, final);
    switch (first.t) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
      // falls through (unreachable)
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.value;
    }
  }

  idealConstant(n: NumberNode): TVal {
    this.at(n.pos, n.text);
    const isHexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoFloat(n.float);
    if (n.isInt) return new GoInt(Number(n.int));
    this.errorf(`${n.text} overflows int`);
  }

  evalVariable(dot: TVal, v: Extract<Arg, { t: "variable" }>, args: readonly Arg[], final: Final): TVal {
    this.at(v.pos, argString(v));
    const value = this.varValue(v.idents[0]!);
    if (v.idents.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v.idents.slice(1), args, final);
  }

  evalFieldChain(dot: TVal, receiver: TVal, idents: readonly string[], args: readonly Arg[], final: Final): TVal {
    const n = idents.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(idents[i]!, [], NO_FINAL, receiver);
    return this.evalField(idents[n - 1]!, args, final, receiver);
  }

  evalField(name: string, args: readonly Arg[], final: Final, receiver: TVal): TVal {
    if (receiver === MISSING) return MISSING;
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = args.length > 1 || final !== NO_FINAL;
    if (receiver instanceof JsonNumber && (name === "String" || name === "Float64" || name === "Int64")) {
      if (hasArgs) this.errorf(`wrong number of args for ${name}: want 0 got ${args.length - 1 + (final !== NO_FINAL ? 1 : 0)}`);
      return this.numberMethod(receiver, name);
    }
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return receiver.has(name) ? receiver.get(name)! : MISSING;
    }
    const type = receiver instanceof GoInt || receiver instanceof GoFloat ? goType(receiver) : "interface {}";
    this.errorf(`can't evaluate field ${name} in type ${type}`);
  }

  numberMethod(n: JsonNumber, name: string): TVal {
    if (name === "String") return n.text;
    if (name === "Float64") {
      const d = Number(n.text);
      if (!Number.isFinite(d)) this.errorf(`error calling ${name}: strconv.ParseFloat: parsing ${JSON.stringify(n.text)}: value out of range`);
      return new GoFloat(d);
    }
    if (!/^[+-]?\d+$/.test(n.text)) this.errorf(`error calling ${name}: strconv.ParseInt: parsing ${JSON.stringify(n.text)}: invalid syntax`);
    return new GoInt(Number(n.text));
  }

  evalFunction(dot: TVal, fn: Extract<Arg, { t: "identifier" }>, args: readonly Arg[], final: Final, desc = fn.name): TVal {
    this.at(fn.pos, fn.name);
    const rest = args.slice(1);
    if (fn.name === "and" || fn.name === "or") {
      const count = rest.length + (final !== NO_FINAL ? 1 : 0);
      if (count < 1) this.errorf(`wrong number of args for ${fn.name}: want at least 1 got 0`);
      let v: TVal = MISSING;
      for (const a of rest) {
        v = this.evalArg(dot, a);
        if (truth(v) === (fn.name === "or")) return v;
      }
      if (final !== NO_FINAL) v = final;
      return v;
    }
    const values = rest.map((a) => this.evalArg(dot, a));
    if (final !== NO_FINAL) values.push(final);
    this.at(fn.pos, desc);
    try {
      return callFunction(fn.name, values);
    } catch (e) {
      if (e instanceof FuncError) {
        if (e.message.startsWith("wrong number of args") || e.message.startsWith("wrong type for value")) this.errorf(e.message);
        this.errorf(`error calling ${fn.name}: ${e.message}`);
      }
      throw e;
    }
  }

  evalArg(dot: TVal, a: Arg): TVal {
    this.at(a.pos, argString(a));
    switch (a.t) {
      case "dot":
        return dot;
      case "nil":
        return null;
      case "field":
        return this.evalFieldChain(dot, dot, a.idents, [a], NO_FINAL);
      case "variable":
        return this.evalVariable(dot, a, [a], NO_FINAL);
      case "pipe":
        return this.evalPipeline(dot, a.pipe);
      case "identifier":
        return this.evalFunction(dot, a, [a], NO_FINAL);
      case "chain": {
        if (a.node.t === "nil") this.errorf(`indirection through explicit nil in ${argString(a)}`);
        return this.evalFieldChain(dot, this.evalArg(dot, a.node), a.fields, [a], NO_FINAL);
      }
      case "bool":
        return a.value;
      case "string":
        return a.value;
      case "number":
        return this.idealConstant(a);
    }
  }
}

function commandString(cmd: Command): string {
  return cmd.args.map((a) => (a.t === "pipe" ? "(" + argString(a) + ")" : argString(a))).join(" ");
}

