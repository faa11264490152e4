/**
 * What the engine and the services did, as facts rather than sentences: the
 * log writes each as one structured line, and the metrics count them. Ids
 * and channel names only; never a recipient, a URL or a secret (a reason is
 * redacted before it gets here, as it is before it is stored).
 */
export type CandorEvent =
  /** A row was claimed for delivery; `attempt` counts from 1. */
  | { event: "delivery.claimed"; channel: string; rowId: number; topic: string; attempt: number }
  | { event: "delivery.delivered"; channel: string; rowId: number; ms: number }
  /** A failed attempt that will be tried again at `retryAt`. */
  | { event: "delivery.retried"; channel: string; rowId: number; attempt: number; reason: string; retryAt: Date | null }
  /** A failed attempt that ended the row: a person must retry it (POST /api/v1/deliveries/:id/retry). */
  | { event: "delivery.dead"; channel: string; rowId: number; attempt: number; reason: string }
  /** Handed back unfinished at a pass's time limit or at shutdown; not a failure. */
  | { event: "delivery.paused"; channel: string; rowId: number }
  /**
   * A next-update promise was judged, when the following update went out:
   * kept by an engineer's update, kept by the machine's holding or
   * missed-ETA update, or missed. `kind` is the following update's kind;
   * `lateSeconds` how long after the promised time it went out (0 when early).
   * Told once the transaction that judged it has committed.
   */
  | {
      event: "promise.settled";
      incidentId: string;
      by: "engineer" | "machine";
      kind: string;
      outcome: "kept_by_engineer" | "kept_by_machine" | "missed";
      lateSeconds: number;
    }
  /** A channel's own failure marked it unhealthy, or a delivery showed it recovered. */
  | { event: "channel.health"; channel: string; healthy: boolean; reason?: string };

export type EventName = CandorEvent["event"];

/** Where events go; several listeners share one through `fanOut`. */
export type Observe = (event: CandorEvent) => void;

/** One observer that tells each of `observers` in turn; a listener that throws never stops the others. */
export function fanOut(...observers: (Observe | undefined)[]): Observe {
  const list = observers.filter((o): o is Observe => o !== undefined);
  return (event) => {
    for (const o of list) {
      try {
        o(event);
      } catch {
        // An observer is a log or a counter: its failure must not fail a delivery.
      }
    }
  };
}
