/**
 * Synchronous network calls for builtins. Evaluation is synchronous, and Node offers
 * no synchronous HTTP client, so requests run on a worker thread (network-worker.ts)
 * while this thread blocks on `Atomics.wait` until the answer is posted. The worker
 * starts on the first call, so a policy that never reaches the network never
 * starts it, and it does not keep the process alive.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import type { WireAnswer, WireCall } from "./wire.js";

/** Extra time the worker gets beyond a call's own timeout before this side gives up on it. */
const GRACE_MS = 2_000;

class NetworkWorker {
  readonly #worker: Worker;
  /** The id of the last answered call; the worker raises it and wakes this thread. */
  readonly #signal = new Int32Array(new SharedArrayBuffer(4));
  readonly #answers: MessagePort;
  #nextId = 1;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.#answers = port1;
    this.#answers.unref();
    this.#worker = new Worker(new URL("./network-worker.js", import.meta.url), {
      workerData: { signal: this.#signal, answers: port2 },
      transferList: [port2],
    });
    this.#worker.unref();
  }

  /** The answer to `call`, or undefined when none came within `timeoutMs` plus a grace period. */
  call(call: WireCall, timeoutMs: number): WireAnswer | undefined {
    const id = this.#nextId++;
    const deadline = performance.now() + timeoutMs + GRACE_MS;
    let seen = Atomics.load(this.#signal, 0);
    this.#worker.postMessage({ id, call });
    for (;;) {
      for (let m = receiveMessageOnPort(this.#answers); m; m = receiveMessageOnPort(this.#answers)) {
        const message = m.message as { id: number; answer: WireAnswer };
        if (message.id === id) return message.answer;
      }
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      Atomics.wait(this.#signal, 0, seen, left);
      seen = Atomics.load(this.#signal, 0);
    }
  }

  terminate(): void {
    void this.#worker.terminate();
    this.#answers.close();
  }
}

let worker: NetworkWorker | undefined;

/**
 * Makes `call` on the network worker and blocks until it answers. Undefined when the
 * worker did not answer in time; it is then replaced, abandoning that call.
 */
export function callNetwork(call: WireCall, timeoutMs: number): WireAnswer | undefined {
  worker ??= new NetworkWorker();
  const answer = worker.call(call, timeoutMs);
  if (answer === undefined) {
    worker.terminate();
    worker = undefined;
  }
  return answer;
}

/** Blocks this thread for `ms` milliseconds (retry back-off between attempts). */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
