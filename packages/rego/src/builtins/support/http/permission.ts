/**
 * Which hosts network builtins may reach. Unlike OPA, where a missing `allow_net`
 * allows every host, the network here is off unless the host running the policy
 * lists the hosts: a bundle can never reach the network on its own say-so.
 */
import { BuiltinHalt } from "../../operands.js";

/**
 * A host the evaluation may not reach. The refusal halts evaluation even without
 * strict builtin errors: it is the runner's decision, not a property of the data,
 * and must never pass silently as an undefined call.
 */
export class HostNotAllowed extends BuiltinHalt {
  constructor(message: string) {
    super("eval_builtin_error", message);
  }
}

/** Throws `HostNotAllowed` unless `host` (a name or an address literal) is one the evaluation may reach. */
export function checkHost(allowNet: ReadonlySet<string>, host: string): void {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (allowNet.has(bare.toLowerCase())) return;
  if (allowNet.size === 0) {
    throw new HostNotAllowed(`unallowed host: ${bare} (network access is off; the capabilities' allow_net must list the host)`);
  }
  throw new HostNotAllowed(`unallowed host: ${bare}`);
}

/** The host list, normalised for `checkHost`. */
export function hostSet(hosts: Iterable<string>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const h of hosts) out.add((h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h).toLowerCase());
  return out;
}
