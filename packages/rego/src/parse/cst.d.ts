// Generated from grammar.ts by scripts/generate-cst-dts.mjs. Do not edit.
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface ModuleCstNode extends CstNode {
  name: "module";
  children: ModuleCstChildren;
}

export type ModuleCstChildren = {
  statement?: StatementCstNode[];
};

export interface StatementCstNode extends CstNode {
  name: "statement";
  children: StatementCstChildren;
}

export type StatementCstChildren = {
  packageDecl?: PackageDeclCstNode[];
  importDecl?: ImportDeclCstNode[];
  ruleDecl?: RuleDeclCstNode[];
};

export interface PackageDeclCstNode extends CstNode {
  name: "packageDecl";
  children: PackageDeclCstChildren;
}

export type PackageDeclCstChildren = {
  Package: IToken[];
  pathRef: PathRefCstNode[];
};

export interface ImportDeclCstNode extends CstNode {
  name: "importDecl";
  children: ImportDeclCstChildren;
}

export type ImportDeclCstChildren = {
  Import: IToken[];
  pathRef: PathRefCstNode[];
  As?: IToken[];
  IdentLike?: IToken[];
};

export interface PathRefCstNode extends CstNode {
  name: "pathRef";
  children: PathRefCstChildren;
}

export type PathRefCstChildren = {
  IdentLike: IToken[];
  refStep?: RefStepCstNode[];
};

export interface RefStepCstNode extends CstNode {
  name: "refStep";
  children: RefStepCstChildren;
}

export type RefStepCstChildren = {
  Dot?: IToken[];
  IdentLike?: IToken[];
  LBrack?: IToken[];
  exprIn?: ExprInCstNode[];
  RBrack?: IToken[];
};

export interface RuleDeclCstNode extends CstNode {
  name: "ruleDecl";
  children: RuleDeclCstChildren;
}

export type RuleDeclCstChildren = {
  Default?: IToken[];
  pathRef: PathRefCstNode[];
  callArgs?: CallArgsCstNode[];
  ruleHeadValue?: RuleHeadValueCstNode[];
  ruleBody?: RuleBodyCstNode[];
  elseClause?: ElseClauseCstNode[];
  block?: BlockCstNode[];
};

export interface RuleHeadValueCstNode extends CstNode {
  name: "ruleHeadValue";
  children: RuleHeadValueCstChildren;
}

export type RuleHeadValueCstChildren = {
  Contains?: IToken[];
  Assign?: IToken[];
  Unify?: IToken[];
  exprIn: ExprInCstNode[];
};

export interface RuleBodyCstNode extends CstNode {
  name: "ruleBody";
  children: RuleBodyCstChildren;
}

export type RuleBodyCstChildren = {
  If?: IToken[];
  block?: (BlockCstNode)[];
  literal?: LiteralCstNode[];
};

export interface ElseClauseCstNode extends CstNode {
  name: "elseClause";
  children: ElseClauseCstChildren;
}

export type ElseClauseCstChildren = {
  Else: IToken[];
  Assign?: IToken[];
  Unify?: IToken[];
  exprIn?: ExprInCstNode[];
  ruleBody?: RuleBodyCstNode[];
};

export interface BlockCstNode extends CstNode {
  name: "block";
  children: BlockCstChildren;
}

export type BlockCstChildren = {
  LCurly: IToken[];
  query: QueryCstNode[];
  RCurly: IToken[];
};

export interface QueryCstNode extends CstNode {
  name: "query";
  children: QueryCstChildren;
}

export type QueryCstChildren = {
  literal: (LiteralCstNode)[];
  Semicolon?: IToken[];
};

export interface LiteralCstNode extends CstNode {
  name: "literal";
  children: LiteralCstChildren;
}

export type LiteralCstChildren = {
  someLiteral?: SomeLiteralCstNode[];
  everyLiteral?: EveryLiteralCstNode[];
  logicOr?: LogicOrCstNode[];
  withModifier?: WithModifierCstNode[];
};

export interface LogicOrCstNode extends CstNode {
  name: "logicOr";
  children: LogicOrCstChildren;
}

export type LogicOrCstChildren = {
  logicAnd: (LogicAndCstNode)[];
  Ident?: IToken[];
};

export interface LogicAndCstNode extends CstNode {
  name: "logicAnd";
  children: LogicAndCstChildren;
}

export type LogicAndCstChildren = {
  exprLiteral: (ExprLiteralCstNode)[];
  Ident?: IToken[];
};

export interface SomeLiteralCstNode extends CstNode {
  name: "someLiteral";
  children: SomeLiteralCstChildren;
}

export type SomeLiteralCstChildren = {
  Some: IToken[];
  exprIn: ExprInCstNode[];
  Comma?: IToken[];
  IdentLike?: IToken[];
};

export interface EveryLiteralCstNode extends CstNode {
  name: "everyLiteral";
  children: EveryLiteralCstChildren;
}

export type EveryLiteralCstChildren = {
  Every: IToken[];
  exprIn: ExprInCstNode[];
  block: BlockCstNode[];
};

export interface ExprLiteralCstNode extends CstNode {
  name: "exprLiteral";
  children: ExprLiteralCstChildren;
}

export type ExprLiteralCstChildren = {
  Not?: IToken[];
  block?: BlockCstNode[];
  LParen?: IToken[];
  logicOr?: LogicOrCstNode[];
  withModifier?: WithModifierCstNode[];
  RParen?: IToken[];
  expr?: ExprCstNode[];
};

export interface ExprCstNode extends CstNode {
  name: "expr";
  children: ExprCstChildren;
}

export type ExprCstChildren = {
  exprIn: (ExprInCstNode)[];
  Assign?: IToken[];
  Unify?: IToken[];
};

export interface WithModifierCstNode extends CstNode {
  name: "withModifier";
  children: WithModifierCstChildren;
}

export type WithModifierCstChildren = {
  With: IToken[];
  term: TermCstNode[];
  As: IToken[];
  exprIn: ExprInCstNode[];
};

export interface ExprInCstNode extends CstNode {
  name: "exprIn";
  children: ExprInCstChildren;
}

export type ExprInCstChildren = {
  exprRel: (ExprRelCstNode)[];
  Comma?: IToken[];
  In?: (IToken)[];
};

export interface ListItemCstNode extends CstNode {
  name: "listItem";
  children: ListItemCstChildren;
}

export type ListItemCstChildren = {
  exprRel: (ExprRelCstNode)[];
  In?: IToken[];
};

export interface ExprRelCstNode extends CstNode {
  name: "exprRel";
  children: ExprRelCstChildren;
}

export type ExprRelCstChildren = {
  exprOr: (ExprOrCstNode)[];
  Equal?: IToken[];
  NotEqual?: IToken[];
  Lte?: IToken[];
  Gte?: IToken[];
  Lt?: IToken[];
  Gt?: IToken[];
};

export interface ExprOrCstNode extends CstNode {
  name: "exprOr";
  children: ExprOrCstChildren;
}

export type ExprOrCstChildren = {
  exprAnd: (ExprAndCstNode)[];
  Pipe?: IToken[];
};

export interface ExprAndCstNode extends CstNode {
  name: "exprAnd";
  children: ExprAndCstChildren;
}

export type ExprAndCstChildren = {
  exprArith: (ExprArithCstNode)[];
  Amp?: IToken[];
};

export interface ExprArithCstNode extends CstNode {
  name: "exprArith";
  children: ExprArithCstChildren;
}

export type ExprArithCstChildren = {
  exprFactor: (ExprFactorCstNode)[];
  Plus?: IToken[];
  Minus?: IToken[];
};

export interface ExprFactorCstNode extends CstNode {
  name: "exprFactor";
  children: ExprFactorCstChildren;
}

export type ExprFactorCstChildren = {
  term: (TermCstNode)[];
  Star?: IToken[];
  Slash?: IToken[];
  Percent?: IToken[];
};

export interface TermCstNode extends CstNode {
  name: "term";
  children: TermCstChildren;
}

export type TermCstChildren = {
  primary: PrimaryCstNode[];
  refStep?: RefStepCstNode[];
  callArgs?: CallArgsCstNode[];
};

export interface PrimaryCstNode extends CstNode {
  name: "primary";
  children: PrimaryCstChildren;
}

export type PrimaryCstChildren = {
  IdentLike?: IToken[];
  Null?: IToken[];
  True?: IToken[];
  False?: IToken[];
  numberLiteral?: NumberLiteralCstNode[];
  StringLit?: IToken[];
  RawStringLit?: IToken[];
  TemplateString?: IToken[];
  arrayLiteral?: ArrayLiteralCstNode[];
  braceLiteral?: BraceLiteralCstNode[];
  parenthesized?: ParenthesizedCstNode[];
};

export interface NumberLiteralCstNode extends CstNode {
  name: "numberLiteral";
  children: NumberLiteralCstChildren;
}

export type NumberLiteralCstChildren = {
  Minus?: IToken[];
  Dot?: IToken[];
  NumberLit: IToken[];
};

export interface ParenthesizedCstNode extends CstNode {
  name: "parenthesized";
  children: ParenthesizedCstChildren;
}

export type ParenthesizedCstChildren = {
  LParen: IToken[];
  exprIn: ExprInCstNode[];
  RParen: IToken[];
};

export interface CallArgsCstNode extends CstNode {
  name: "callArgs";
  children: CallArgsCstChildren;
}

export type CallArgsCstChildren = {
  LParen: IToken[];
  termList?: TermListCstNode[];
  RParen: IToken[];
};

export interface TermListCstNode extends CstNode {
  name: "termList";
  children: TermListCstChildren;
}

export type TermListCstChildren = {
  listItem: (ListItemCstNode)[];
  Comma?: (IToken)[];
};

export interface ArrayLiteralCstNode extends CstNode {
  name: "arrayLiteral";
  children: ArrayLiteralCstChildren;
}

export type ArrayLiteralCstChildren = {
  LBrack: IToken[];
  RBrack?: (IToken)[];
  term?: TermCstNode[];
  Pipe?: IToken[];
  query?: QueryCstNode[];
  termList?: TermListCstNode[];
};

export interface BraceLiteralCstNode extends CstNode {
  name: "braceLiteral";
  children: BraceLiteralCstChildren;
}

export type BraceLiteralCstChildren = {
  LCurly: IToken[];
  RCurly?: IToken[];
  setComprehension?: SetComprehensionCstNode[];
  objectComprehension?: ObjectComprehensionCstNode[];
  setOrObject?: SetOrObjectCstNode[];
};

export interface SetComprehensionCstNode extends CstNode {
  name: "setComprehension";
  children: SetComprehensionCstChildren;
}

export type SetComprehensionCstChildren = {
  term: TermCstNode[];
  Pipe: IToken[];
  query: QueryCstNode[];
  RCurly: IToken[];
};

export interface ObjectComprehensionCstNode extends CstNode {
  name: "objectComprehension";
  children: ObjectComprehensionCstChildren;
}

export type ObjectComprehensionCstChildren = {
  listItem: ListItemCstNode[];
  Colon: IToken[];
  term: TermCstNode[];
  Pipe: IToken[];
  query: QueryCstNode[];
  RCurly: IToken[];
};

export interface SetOrObjectCstNode extends CstNode {
  name: "setOrObject";
  children: SetOrObjectCstChildren;
}

export type SetOrObjectCstChildren = {
  listItem: (ListItemCstNode)[];
  Colon?: IToken[];
  objectEntry?: ObjectEntryCstNode[];
  Comma?: (IToken)[];
  RCurly: IToken[];
};

export interface ObjectEntryCstNode extends CstNode {
  name: "objectEntry";
  children: ObjectEntryCstChildren;
}

export type ObjectEntryCstChildren = {
  Comma: IToken[];
  listItem: (ListItemCstNode)[];
  Colon: IToken[];
};

export interface RegoCstVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  module(children: ModuleCstChildren, param?: IN): OUT;
  statement(children: StatementCstChildren, param?: IN): OUT;
  packageDecl(children: PackageDeclCstChildren, param?: IN): OUT;
  importDecl(children: ImportDeclCstChildren, param?: IN): OUT;
  pathRef(children: PathRefCstChildren, param?: IN): OUT;
  refStep(children: RefStepCstChildren, param?: IN): OUT;
  ruleDecl(children: RuleDeclCstChildren, param?: IN): OUT;
  ruleHeadValue(children: RuleHeadValueCstChildren, param?: IN): OUT;
  ruleBody(children: RuleBodyCstChildren, param?: IN): OUT;
  elseClause(children: ElseClauseCstChildren, param?: IN): OUT;
  block(children: BlockCstChildren, param?: IN): OUT;
  query(children: QueryCstChildren, param?: IN): OUT;
  literal(children: LiteralCstChildren, param?: IN): OUT;
  logicOr(children: LogicOrCstChildren, param?: IN): OUT;
  logicAnd(children: LogicAndCstChildren, param?: IN): OUT;
  someLiteral(children: SomeLiteralCstChildren, param?: IN): OUT;
  everyLiteral(children: EveryLiteralCstChildren, param?: IN): OUT;
  exprLiteral(children: ExprLiteralCstChildren, param?: IN): OUT;
  expr(children: ExprCstChildren, param?: IN): OUT;
  withModifier(children: WithModifierCstChildren, param?: IN): OUT;
  exprIn(children: ExprInCstChildren, param?: IN): OUT;
  listItem(children: ListItemCstChildren, param?: IN): OUT;
  exprRel(children: ExprRelCstChildren, param?: IN): OUT;
  exprOr(children: ExprOrCstChildren, param?: IN): OUT;
  exprAnd(children: ExprAndCstChildren, param?: IN): OUT;
  exprArith(children: ExprArithCstChildren, param?: IN): OUT;
  exprFactor(children: ExprFactorCstChildren, param?: IN): OUT;
  term(children: TermCstChildren, param?: IN): OUT;
  primary(children: PrimaryCstChildren, param?: IN): OUT;
  numberLiteral(children: NumberLiteralCstChildren, param?: IN): OUT;
  parenthesized(children: ParenthesizedCstChildren, param?: IN): OUT;
  callArgs(children: CallArgsCstChildren, param?: IN): OUT;
  termList(children: TermListCstChildren, param?: IN): OUT;
  arrayLiteral(children: ArrayLiteralCstChildren, param?: IN): OUT;
  braceLiteral(children: BraceLiteralCstChildren, param?: IN): OUT;
  setComprehension(children: SetComprehensionCstChildren, param?: IN): OUT;
  objectComprehension(children: ObjectComprehensionCstChildren, param?: IN): OUT;
  setOrObject(children: SetOrObjectCstChildren, param?: IN): OUT;
  objectEntry(children: ObjectEntryCstChildren, param?: IN): OUT;
}
