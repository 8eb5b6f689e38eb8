/**
 * What crosses between the evaluator's thread and the network worker: plain,
 * structured-cloneable requests and answers. Nothing here is a Rego value.
 */

/** TLS settings of one request, already read from files and environment variables. */
export interface WireTLS {
  /** PEM certificates to trust instead of (or, with `useSystemCAs`, besides) the defaults. */
  readonly ca?: readonly string[];
  readonly useSystemCAs?: boolean;
  readonly cert?: string;
  readonly key?: string;
  readonly insecureSkipVerify?: boolean;
  readonly serverName?: string;
}

export interface WireHTTPRequest {
  readonly op: "http";
  readonly method: string;
  readonly url: string;
  /** Header names as given; each value a single string. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  /** A Unix domain socket to connect to instead of the URL's host. */
  readonly socketPath?: string;
  readonly tls?: WireTLS;
}

export interface WireLookup {
  readonly op: "lookup";
  readonly name: string;
  readonly timeoutMs: number;
}

export type WireCall = WireHTTPRequest | WireLookup;

export interface WireHTTPResponse {
  readonly statusCode: number;
  readonly statusText: string;
  /** Header names in lower case, every value the server sent. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Uint8Array;
}

/** A failure on the network side, with Node's error code (`ECONNREFUSED`, `ETIMEDOUT`, …). */
export interface WireFailure {
  readonly code: string;
  readonly message: string;
  readonly timedOut: boolean;
}

export type WireAnswer =
  | { readonly ok: true; readonly response: WireHTTPResponse }
  | { readonly ok: true; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly failure: WireFailure };
