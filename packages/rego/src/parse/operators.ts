/** Infix operators and the builtins they call (OPA's `Infix` declarations). */
export const INFIX_BUILTINS: Readonly<Record<string, string>> = {
  "==": "equal",
  "!=": "neq",
  "<": "lt",
  "<=": "lte",
  ">": "gt",
  ">=": "gte",
  "+": "plus",
  "-": "minus",
  "*": "mul",
  "/": "div",
  "%": "rem",
  "&": "and",
  "|": "or",
};

export const MEMBER = "internal.member_2";
export const MEMBER_WITH_KEY = "internal.member_3";
