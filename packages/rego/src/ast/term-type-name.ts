/** How OPA names a term's type in messages: `number`, `ref`, `arraycomprehension`. */
import type * as A from "./nodes.js";

export function termTypeName(t: A.Term): string {
  switch (t.type) {
    case "Null":
      return "null";
    case "Boolean":
      return "boolean";
    case "Number":
      return "number";
    case "String":
      return "string";
    case "Var":
      return "var";
    case "Ref":
      return "ref";
    case "Array":
      return "array";
    case "Object":
      return "object";
    case "Set":
      return "set";
    case "ArrayComprehension":
      return "arraycomprehension";
    case "SetComprehension":
      return "setcomprehension";
    case "ObjectComprehension":
      return "objectcomprehension";
    case "Call":
      return "call";
    case "TemplateString":
      return "templatestring";
  }
}
