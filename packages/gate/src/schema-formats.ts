/**
 * The string formats the schemas use, as ajv format definitions: shared by the
 * validators compiled at run time and the ones the build compiles ahead (whose
 * generated code imports this module, so it stays free of ajv itself).
 */

/** RFC 3339 date-time, as the schemas' `format: date-time` means it. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Formats checked by a function (generated code refers to them by name). */
export const FORMAT_FUNCTIONS = {
  uri: (s: string): boolean => URL.canParse(s),
};
