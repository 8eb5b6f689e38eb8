/**
 * Fake credentials for redaction tests, built at run time so that no token-shaped
 * literal sits in the repository (where secret scanners would flag it). The bodies
 * are deterministic pseudo-random base62, so they mix upper case, lower case and
 * digits as real keys do.
 */

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";

function chars(alphabet: string, length: number, seed: number): string {
  let state = seed >>> 0 || 1;
  let out = "";
  for (let i = 0; i < length; i++) {
    // xorshift32: deterministic, and good enough to cover every character class.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

export const base62 = (length: number, seed = 7): string => chars(BASE62, length, seed);
export const hex = (length: number, seed = 7): string => chars(HEX, length, seed);

export const fake = {
  openaiLegacy: () => `sk-${base62(20, 1)}T3BlbkFJ${base62(20, 2)}`,
  openaiProject: () => `sk-proj-${base62(74, 3)}_${base62(40, 4)}-${base62(40, 5)}`,
  openaiServiceAccount: () => `sk-svcacct-${base62(120, 6)}`,
  openaiAdmin: () => `sk-admin-${base62(120, 8)}`,
  anthropic: () => `sk-ant-api03-${base62(93, 9)}-${base62(6, 10)}AA`,
  githubClassic: () => `ghp_${base62(36, 11)}`,
  githubFineGrained: () => `github_pat_${base62(22, 12)}_${base62(59, 13)}`,
  githubOauth: () => `gho_${base62(36, 14)}`,
  githubInstallation: () => `ghs_${base62(36, 15)}`,
  githubUserToServer: () => `ghu_${base62(36, 16)}`,
  githubRefresh: () => `ghr_${base62(36, 17)}`,
  cloudflareUser: () => `cfut_${base62(40, 18)}${hex(8, 19)}`,
  cloudflareAccount: () => `cfat_${base62(40, 20)}${hex(8, 21)}`,
  cloudflareGlobal: () => `cfk_${base62(40, 22)}${hex(8, 23)}`,
  // AWS's own documentation examples.
  awsAccessKeyId: () => ["AKIA", "IOSFODNN7", "EXAMPLE"].join(""),
  awsTemporaryKeyId: () => ["ASIA", "IOSFODNN7", "EXAMPLE"].join(""),
  awsSecretAccessKey: () => ["wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY"].join("/"),
  slackBot: () => `xoxb-${hex(12, 24).replace(/[a-f]/g, "7")}-${hex(13, 25).replace(/[a-f]/g, "3")}-${base62(24, 26)}`,
  slackWebhook: () => `https://hooks.slack.com/services/T${base62(8, 27).toUpperCase()}/B${base62(8, 28).toUpperCase()}/${base62(24, 29)}`,
  googleApiKey: () => `AIza${base62(35, 30)}`,
  stripeLive: () => `sk_live_${base62(99, 31)}`,
  stripeRestricted: () => `rk_live_${base62(99, 32)}`,
  stripeTest: () => `sk_test_${base62(99, 33)}`,
  npm: () => `npm_${base62(36, 34)}`,
  pypi: () => `pypi-AgEIcHlwaS5vcmc${base62(80, 35)}`,
  jwt: () => `eyJhbGciOiJIUzI1NiJ9.eyJ${base62(60, 36)}.${base62(43, 37)}`,
  privateKey: (label = "RSA ") =>
    [`-----BEGIN ${label}PRIVATE KEY-----`, base62(64, 38), base62(64, 39), `${base62(20, 40)}==`, `-----END ${label}PRIVATE KEY-----`].join("\n"),
};
