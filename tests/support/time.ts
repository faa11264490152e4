/**
 * Durations in milliseconds, so a test reads `clock.advance(minutes(30))`
 * rather than a bare number of zeros. The fake clock lives here too.
 */
export const seconds = (n: number) => n * 1000;
export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;

/** A clock the test moves by hand: time never passes on its own. */
export class FakeClock {
  now: Date;
  constructor(start = "2026-11-23T12:00:00Z") {
    this.now = new Date(start);
  }
  read = () => new Date(this.now);
  advance(ms: number) {
    this.now = new Date(this.now.getTime() + ms);
  }
  /** An ISO timestamp `ms` from now. */
  in(ms: number) {
    return new Date(this.now.getTime() + ms).toISOString();
  }
}
