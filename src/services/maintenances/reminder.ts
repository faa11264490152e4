/** When a reminder `remindBeforeMs` ahead of `startsAt` is due; null when none is wanted. */
export function reminderAt(startsAt: Date, remindBeforeMs: number | null): Date | null {
  return remindBeforeMs === null ? null : new Date(startsAt.getTime() - remindBeforeMs);
}

/** remindedAt for a fresh window: a reminder whose time has already come is not sent (the announcement is news enough). */
export function remindedAtFor(startsAt: Date, remindBeforeMs: number | null, now: Date): Date | null {
  const at = reminderAt(startsAt, remindBeforeMs);
  return at === null || at.getTime() <= now.getTime() ? now : null;
}
