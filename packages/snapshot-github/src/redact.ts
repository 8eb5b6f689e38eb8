/**
 * Credential detection and redaction (VENDOR-APIS §5.1 principle 3: no secret
 * material, ever). Every free-text value the adapter copies passes through here.
 *
 * Detection favours vendor prefixes and fixed shapes over entropy guesses, so that
 * the ordinary contents of workflows (`${{ secrets.X }}` expressions, commit SHAs,
 * UUIDs, package names such as `sk-learn`) survive untouched. Where a prefix is
 * short or common, a plausibility check on the random part (mixed character
 * classes) keeps words from matching.
 */
import type { MaybeRedacted, Redacted } from "./document.js";

/** What a redacted value looked like: the `looks_like` field and the in-text marker. */
export type CredentialKind =
  | "private_key"
  | "jwt"
  | "anthropic_api_key"
  | "openai_api_key"
  | "github_pat"
  | "github_token"
  | "cloudflare_api_token"
  | "cloudflare_global_api_key"
  | "aws_access_key_id"
  | "aws_secret_access_key"
  | "slack_token"
  | "slack_webhook_url"
  | "google_api_key"
  | "stripe_api_key"
  | "npm_token"
  | "pypi_token";

interface Detector {
  readonly kind: CredentialKind;
  /**
   * Global. When the pattern has a named group `secret`, only that part is replaced,
   * and it must end the match (a label before it, such as `AWS_SECRET_ACCESS_KEY=`,
   * is kept so the text stays readable).
   */
  readonly pattern: RegExp;
  /** Rejects matches whose random part does not look random. */
  readonly plausible?: (secret: string) => boolean;
}

const hasUpper = (s: string): boolean => /[A-Z]/.test(s);
const hasLower = (s: string): boolean => /[a-z]/.test(s);
const hasDigit = (s: string): boolean => /[0-9]/.test(s);

/** Random base62/base64 keys of this length practically always mix all three classes; words and slugs do not. */
function mixedClasses(s: string): boolean {
  return hasUpper(s) && hasLower(s) && hasDigit(s);
}

/** `sk-` is a common word prefix (`sk-learn`); only the part after the known sub-prefix must look random. */
function plausibleOpenAi(key: string): boolean {
  const body = key.replace(/^sk-(?:(?:proj|svcacct|admin|None)-)?/, "");
  return mixedClasses(body);
}

// The order matters: earlier detectors claim text first (a JWT before anything that
// might match inside it, Anthropic's `sk-ant-` before OpenAI's `sk-`), and a
// replaced span becomes a marker that no later pattern matches.
const DETECTORS: readonly Detector[] = [
  {
    kind: "private_key",
    // A whole PEM block; without its END line (truncated text), the header and the
    // base64 or header lines that follow it.
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|(?:[ \t]*\r?\n[ \t]*(?:[A-Za-z0-9+/=]{16,}|[A-Za-z-]+: [^\r\n]*))*)/g,
  },
  {
    kind: "jwt",
    // Header `{"` encodes as `eyJ`; a signature is required, so unsigned examples stay.
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: "anthropic_api_key",
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]+[0-9]*-[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: "openai_api_key",
    // Legacy `sk-` + 48, and `sk-proj-`, `sk-svcacct-`, `sk-admin-`, `sk-None-` keys.
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
    plausible: plausibleOpenAi,
  },
  {
    kind: "github_pat",
    // Classic (`ghp_` + 36) and fine-grained (`github_pat_` + 22 + `_` + 59) tokens.
    pattern: /(?<![A-Za-z0-9_])(?:ghp_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,244})(?![A-Za-z0-9])/g,
  },
  {
    kind: "github_token",
    // OAuth (gho_), user-to-server (ghu_), installation (ghs_) and refresh (ghr_) tokens.
    pattern: /(?<![A-Za-z0-9_])gh[ousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/g,
  },
  {
    kind: "cloudflare_api_token",
    // `cfut_` (user) and `cfat_` (account) + 40 characters + a checksum whose width
    // Cloudflare does not publish, so any alphanumeric run of at least 40 counts.
    pattern: /(?<![A-Za-z0-9_])cf(?:ut|at)_[A-Za-z0-9]{40,}/g,
  },
  {
    kind: "cloudflare_global_api_key",
    pattern: /(?<![A-Za-z0-9_])cfk_[A-Za-z0-9]{40,}/g,
  },
  {
    kind: "aws_access_key_id",
    // Long-term (AKIA) and temporary (ASIA) key ids; the id alone is not secret but
    // always travels with the secret key, and names the IAM user.
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    kind: "aws_secret_access_key",
    // Forty base64 characters are indistinguishable from many other strings, so only
    // a labelled value counts: `AWS_SECRET_ACCESS_KEY=…`, `aws_secret_access_key = …`,
    // `"SecretAccessKey": "…"`, `aws configure set aws_secret_access_key …`.
    pattern:
      /(?:aws[_-]?secret[_-]?access[_-]?key|aws[_-]?secret[_-]?key|secret[_-]?access[_-]?key)(?:["']?[ \t]*[:=][ \t]*["']?|[ \t]+)(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    plausible: (s) => hasUpper(s) && hasLower(s),
  },
  {
    kind: "slack_webhook_url",
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{20,}/g,
  },
  {
    kind: "slack_token",
    pattern: /(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,}(?![A-Za-z0-9_-])/g,
    plausible: hasDigit,
  },
  {
    kind: "google_api_key",
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: "stripe_api_key",
    // Live secret (`sk_live_`) and restricted (`rk_live_`) keys; publishable keys are public.
    pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,}/g,
  },
  {
    kind: "npm_token",
    // `npm_` + 36; the underscore-free body keeps `npm_config_*` variable names out.
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  },
  {
    kind: "pypi_token",
    // The macaroon's fixed start encodes the `pypi.org` location.
    pattern: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g,
  },
];

/** The in-text marker that replaces a credential. */
export function redactionMarker(kind: CredentialKind): string {
  return `[redacted:${kind}]`;
}

function replaceAll(text: string, detector: Detector): string {
  return text.replace(detector.pattern, (match: string, ...rest: unknown[]) => {
    const groups = rest[rest.length - 1];
    const secret = typeof groups === "object" && groups !== null ? (groups as { secret?: string }).secret : undefined;
    const value = secret ?? match;
    if (detector.plausible && !detector.plausible(value)) return match;
    return match.slice(0, match.length - value.length) + redactionMarker(detector.kind);
  });
}

/** Replaces every credential-looking substring of `text` by `[redacted:KIND]`. */
export function redactText(text: string): string {
  let out = text;
  for (const detector of DETECTORS) out = replaceAll(out, detector);
  return out;
}

/** The detectors anchored to a whole value, built once. */
const WHOLE_VALUE = DETECTORS.map((d) => ({ detector: d, re: new RegExp(`^(?:${d.pattern.source})$`, d.pattern.flags.replace("g", "")) }));

/** The kind of credential `text` is as a whole, if any. Labelled patterns do not count: their match includes the label. */
function wholeValueKind(text: string): CredentialKind | null {
  for (const { detector, re } of WHOLE_VALUE) {
    const m = re.exec(text);
    if (!m || m.groups?.["secret"] !== undefined) continue;
    if (detector.plausible && !detector.plausible(m[0])) continue;
    return detector.kind;
  }
  return null;
}

/** Keys under which GitHub workflows and AWS tools pass a secret access key. */
const AWS_SECRET_LABEL = /^(?:aws[_-]?secret[_-]?(?:access[_-]?)?key|secret[_-]?access[_-]?key)$/i;

/**
 * A scalar value: `{ redacted: true, looks_like }` when the whole value looks like a
 * credential, else the text with credential-looking substrings replaced in place.
 * `key`, the name the value is stored under (an `env` or `with` key), lets a bare
 * AWS secret access key be recognised by its label, the only reliable sign of one.
 */
export function redactValue(text: string, key?: string): MaybeRedacted {
  const trimmed = text.trim();
  const kind = wholeValueKind(trimmed);
  if (kind !== null) return redacted(kind);
  if (key !== undefined && AWS_SECRET_LABEL.test(key) && /^[A-Za-z0-9/+=]{40}$/.test(trimmed) && hasUpper(trimmed) && hasLower(trimmed)) {
    return redacted("aws_secret_access_key");
  }
  return redactText(text);
}

function redacted(kind: CredentialKind): Redacted {
  return { redacted: true, looks_like: kind };
}
