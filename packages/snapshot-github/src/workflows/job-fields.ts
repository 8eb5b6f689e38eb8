/** Small job fields whose YAML allows several shapes: `runs-on`, `environment`, `needs`. */
import { optionalText, isMapping, compareText, textList } from "./values.js";

/** Runner labels in source order: `runs-on: label`, a list of labels, or the labels of `{ group, labels }`. */
export function runsOnLabels(value: unknown): string[] {
  if (isMapping(value)) return textList(value["labels"]);
  return textList(value);
}

/** The runner group of `runs-on: { group, labels }`, or null. */
export function runsOnGroup(value: unknown): string | null {
  return isMapping(value) ? optionalText(value["group"]) : null;
}

/** `environment: name` or `environment: { name, url }`: the name, as written. */
export function environmentName(value: unknown): string | null {
  if (isMapping(value)) return optionalText(value["name"]);
  return optionalText(value);
}

/** `needs:` as a sorted set of job ids (its order means nothing). */
export function needsList(value: unknown): string[] {
  return [...new Set(textList(value))].sort(compareText);
}
