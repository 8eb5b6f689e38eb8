/** The parse tree of a Go text/template. */

export interface Pipe {
  readonly pos: number;
  readonly line: number;
  isAssign: boolean;
  /** Declared or assigned variables, with their `$`. */
  readonly decl: string[];
  readonly cmds: Command[];
}

export interface Command {
  readonly pos: number;
  readonly args: Arg[];
}

export interface NumberNode {
  readonly t: "number";
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly int: bigint;
  readonly float: number;
}

export type Arg =
  | { readonly t: "field"; readonly pos: number; readonly idents: readonly string[] }
  | { readonly t: "variable"; readonly pos: number; readonly idents: readonly string[] }
  | { readonly t: "chain"; readonly pos: number; readonly node: Arg; readonly fields: readonly string[] }
  | { readonly t: "identifier"; readonly pos: number; readonly name: string }
  | { readonly t: "pipe"; readonly pos: number; readonly pipe: Pipe }
  | { readonly t: "dot"; readonly pos: number }
  | { readonly t: "nil"; readonly pos: number }
  | { readonly t: "bool"; readonly pos: number; readonly value: boolean }
  | { readonly t: "string"; readonly pos: number; readonly quoted: string; readonly value: string }
  | NumberNode;

export type Node =
  | { readonly t: "text"; readonly text: string }
  | { readonly t: "action"; readonly pos: number; readonly line: number; readonly pipe: Pipe }
  | {
      readonly t: "if" | "with" | "range";
      readonly pos: number;
      readonly line: number;
      readonly pipe: Pipe;
      readonly list: readonly Node[];
      readonly elseList: readonly Node[] | undefined;
    }
  | { readonly t: "template"; readonly pos: number; readonly line: number; readonly name: string; readonly pipe: Pipe | undefined }
  | { readonly t: "break" | "continue"; readonly pos: number; readonly line: number };

/** A node in Go's `String()` form, for error messages ("at <.a.b>"). */
export function argString(a: Arg): string {
  switch (a.t) {
    case "field":
      return a.idents.map((i) => "." + i).join("");
    case "variable":
      return a.idents.join(".");
    case "chain":
      return (a.node.t === "pipe" ? "(" + argString(a.node) + ")" : argString(a.node)) + a.fields.map((f) => "." + f).join("");
    case "identifier":
      return a.name;
    case "pipe":
      return pipeString(a.pipe);
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return a.value ? "true" : "false";
    case "string":
      return a.quoted;
    case "number":
      return a.text;
  }
}

export function pipeString(p: Pipe): string {
  let s = "";
  if (p.decl.length > 0) s = p.decl.join(", ") + (p.isAssign ? " = " : " := ");
  return (
    s +
    p.cmds
      .map((c) => c.args.map((a) => (a.t === "pipe" ? "(" + argString(a) + ")" : argString(a))).join(" "))
      .join(" | ")
  );
}
