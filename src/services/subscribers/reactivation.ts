/**
 * The columns that make a subscriber that left (or never confirmed) active
 * and confirmed now: adding it again and importing it again both do this.
 */
export function reactivation(componentIds: string[], now: Date) {
  return {
    state: "active",
    componentIds,
    confirmedAt: now,
    unsubscribedAt: null,
    quarantinedAt: null,
    failures: 0,
    firstFailureAt: null,
    lastError: null,
    updatedAt: now,
  };
}

/** True when both hold the same component ids, in any order: then there is nothing to write. */
export function sameIds(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
