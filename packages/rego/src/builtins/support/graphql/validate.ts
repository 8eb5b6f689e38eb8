/**
 * Query validation against a schema (gqlparser's `validator.Validate`): every rule
 * observes one walk of the document; the errors come back in the order found.
 * The walk annotates the document's nodes, so callers serialize a document before
 * validating it.
 */
import type { Pos, QueryDocument } from "./ast.js";
import { RULES } from "./rules.js";
import type { Schema } from "./schema.js";
import { newEvents, Walker } from "./walk.js";

export interface ValidationError {
  readonly message: string;
  readonly pos: Pos | null;
}

export function validateQuery(schema: Schema, doc: QueryDocument): ValidationError[] {
  const errors: ValidationError[] = [];
  const events = newEvents();
  for (const rule of RULES) rule(events, (message, pos) => errors.push({ message, pos }));
  new Walker(schema, doc, events).walk();
  return errors;
}
