/**
 * Every problem a user can cause or fix (a bad archive, a wrong key, a tampered file)
 * is a BundleError whose message names the bundle and the file. Callers map it to
 * exit code 2; anything else escaping this package is a bug.
 */
export class BundleError extends Error {
  override readonly name = "BundleError";
}
