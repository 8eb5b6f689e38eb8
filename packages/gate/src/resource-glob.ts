/**
 * Waiver resource selectors: an exact resource URI, or a glob in which `*` matches any
 * characters within one path segment (anything but `/`) and `**` any characters
 * across segments. Everything else matches itself (`?`, `[`, `.` and `#` included,
 * since they occur in URIs).
 */

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

export function resourceMatcher(pattern: string): (resource: string) => boolean {
  if (!pattern.includes("*")) return (resource) => resource === pattern;
  const source = pattern
    .split("**")
    .map((part) => part.split("*").map(escapeRegExp).join("[^/]*"))
    .join(".*");
  const re = new RegExp(`^${source}$`, "s");
  return (resource) => re.test(resource);
}
