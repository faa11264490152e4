import { and, eq, inArray } from "drizzle-orm";
import { subscribers } from "../../db/schema/index.ts";
import { AppError, type FieldProblem } from "../../errors.ts";
import { newId } from "../../lib/ids.ts";
import { findLiveComponents } from "../components/index.ts";
import { recordAudit, type ServiceContext, withTransaction } from "../context.ts";
import { readImportFile } from "./import-rows.ts";
import { reactivation, sameIds } from "./reactivation.ts";
import { batchSize, maxImportProblems } from "./rules.ts";

export type ImportCounts = {
  /** New addresses, active and confirmed now. */
  added: number;
  /** Addresses that were pending, unsubscribed or suppressed and are active again. */
  reactivated: number;
  /** Active addresses whose components changed. */
  updated: number;
  /** Active addresses left as they were. */
  unchanged: number;
  /** Rows the file itself marks as not to import: webhooks, or a state other than active (as in an export). */
  skipped: number;
};

/**
 * Imports email addresses from CSV, pre-confirmed, all or nothing: every
 * line is checked first and any problem is a 400 naming its line, with
 * nothing written (see readImportFile for the columns). Addresses already
 * there are made active again, as addSubscriber does; without a components
 * column they keep what they follow.
 *
 * @example await importSubscribers(ctx, "email,components\r\nops@example.com,api web\r\n")
 */
export async function importSubscribers(ctx: ServiceContext, csv: string): Promise<ImportCounts> {
  const now = ctx.clock();
  const { rows, skipped, lines } = readImportFile(csv);
  const problems: FieldProblem[] = [];

  return withTransaction(ctx, async (tx) => {
    const wanted = [...new Set(rows.flatMap((r) => r.slugs ?? []))];
    const live = await findLiveComponents(tx, wanted);
    for (const r of rows) {
      for (const slug of r.slugs ?? []) {
        if (!live.has(slug) && problems.length < maxImportProblems)
          problems.push({ field: `line ${r.line}: components`, message: `no component has slug "${slug}"` });
      }
    }
    if (problems.length) throw AppError.invalid(problems);
    const idsFor = (slugs: string[] | null) =>
      slugs === null ? null : [...new Set(slugs.map((s) => (live.get(s) as { id: string }).id))];

    const counts: ImportCounts = { added: 0, reactivated: 0, updated: 0, unchanged: 0, skipped };
    for (let at = 0; at < rows.length; at += batchSize) {
      const batch = rows.slice(at, at + batchSize);
      const selectExisting = (emails: string[]) =>
        tx
          .select()
          .from(subscribers)
          .where(and(eq(subscribers.type, "email"), inArray(subscribers.email, emails)))
          .for("update");
      const existing = new Map((await selectExisting(batch.map((r) => r.email))).map((s) => [s.email, s]));
      const fresh = batch.filter((r) => !existing.has(r.email));
      const added = new Set<string>();
      if (fresh.length) {
        const inserted = await tx
          .insert(subscribers)
          .values(
            fresh.map((r) => ({
              id: newId("sub"),
              type: "email",
              email: r.email,
              state: "active",
              componentIds: idsFor(r.slugs) ?? [],
              confirmedAt: now,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .onConflictDoNothing()
          .returning({ email: subscribers.email });
        for (const { email } of inserted) added.add(email as string);
        const raced = fresh.filter((r) => !added.has(r.email)).map((r) => r.email);
        if (raced.length) for (const s of await selectExisting(raced)) existing.set(s.email, s);
      }
      counts.added += added.size;
      // Rows that change the same way are updated together.
      const changes = new Map<string, { reactivate: boolean; componentIds: string[]; ids: string[] }>();
      for (const r of batch) {
        const row = existing.get(r.email);
        if (!row || added.has(r.email)) continue;
        const componentIds = idsFor(r.slugs) ?? row.componentIds;
        const reactivate = row.state !== "active";
        if (!reactivate && sameIds(componentIds, row.componentIds)) {
          counts.unchanged++;
          continue;
        }
        if (reactivate) counts.reactivated++;
        else counts.updated++;
        const key = `${reactivate}:${[...componentIds].sort().join(",")}`;
        const change = changes.get(key) ?? { reactivate, componentIds, ids: [] };
        change.ids.push(row.id);
        changes.set(key, change);
      }
      for (const { reactivate, componentIds, ids } of changes.values()) {
        await tx
          .update(subscribers)
          .set(reactivate ? reactivation(componentIds, now) : { componentIds, updatedAt: now })
          .where(inArray(subscribers.id, ids));
      }
    }
    await recordAudit(tx, ctx, now, {
      action: "subscriber.import",
      targetType: "subscriber",
      targetId: "import",
      details: { ...counts, lines },
    });
    return counts;
  });
}
