/**
 * @regolith/rego: a Rego-compatible policy engine. The public surface.
 */
export { Engine, PreparedQuery } from "./engine.js";
export type { EngineOptions, PrepareOptions, EvaluateOptions, Evaluation, Result, ResultSet, ExpressionValue } from "./engine.js";

export { parseModule, parseQuery, parseTerm } from "./parse/parser.js";
export { formatModule, formatSource } from "./format/format.js";
export type { ParseOptions } from "./parse/parser.js";
export { compile, compileQuery, Compiler, STAGES } from "./compile/compiler.js";
export type { CompiledPolicy, CompiledQuery, Stage } from "./compile/compiler.js";
export type { CompileOptions } from "./compile/context.js";
export { strictErrors } from "./compile/strict.js";
export { schemaRefErrors } from "./compile/schema-refs.js";
export type { SchemaSet } from "./compile/schema-refs.js";

export { RegoError, RegoErrors, ErrorCode, DEFAULT_ERROR_LIMIT } from "./ast/errors.js";
export type { RegoErrorJSON, ErrorDetails } from "./ast/errors.js";
export type { Location } from "./ast/location.js";
export type * as AST from "./ast/nodes.js";
export { packagePath } from "./ast/package-path.js";

export { RSet, RObject, ObjectBuilder, typeName, isObject, isPlainObject, objectGet } from "./ast/value.js";
export type { Value, JsonObject, ObjectValue } from "./ast/value.js";
export { RNumber, numberFromText } from "./ast/number.js";
export { compareValues, equalValues } from "./ast/compare.js";
export { parseJSON, stringifyValue, toJSONData } from "./ast/json.js";
export { canonical } from "./ast/value-key.js";
export { valueToString } from "./ast/value-string.js";

export { BUILTINS } from "./builtins/registry.js";
export { capabilitiesDocument, readCapabilities, restrictBuiltins, FEATURES } from "./builtins/capabilities.js";
export type { Capabilities } from "./builtins/capabilities.js";
export { defineBuiltin, t as types } from "./builtins/types.js";
export type { Builtin, BuiltinDecl, BuiltinContext, BuiltinImpl, TypeSpec, ArgSpec } from "./builtins/types.js";
export { OperandError, BuiltinError, BuiltinHalt } from "./builtins/operands.js";

export { runTests, runCompiledTests, outcomeOf, DEFAULT_TEST_TIMEOUT_MS } from "./tester/runner.js";
export type { TestOptions, TestResult, TestRun, Outcome, SubResult } from "./tester/runner.js";
export { discoverTests, TEST_PREFIX, SKIP_TEST_PREFIX } from "./tester/discover.js";
export type { TestCase } from "./tester/discover.js";
export { testNameFilter, TestFilterError } from "./tester/filter.js";
export { coverageReport, isTestFile } from "./tester/coverage.js";
export type { CoverageReport, FileCoverage, CoverageRange } from "./tester/coverage.js";
export { prettyTestReport, testLine } from "./tester/report-pretty.js";
export type { PrettyOptions } from "./tester/report-pretty.js";
export { jsonTestReport } from "./tester/report-json.js";
export { junitTestReport } from "./tester/report-junit.js";
export { jsonCoverageReport, prettyCoverageReport, formatPercent, COVERAGE_SCOPE } from "./tester/report-coverage.js";
export { lcovCoverageReport } from "./tester/report-lcov.js";
export { coberturaCoverageReport } from "./tester/report-cobertura.js";
export { goDuration } from "./tester/go-duration.js";
