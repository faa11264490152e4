import { type AdviceQuery, adviceWindowDays, type EtaAdviceFacts, etaAdvice } from "../../domain/eta-advice.ts";
import { etaAdviceText } from "../../render/text/eta-advice.ts";
import type { ServiceContext } from "../context.ts";
import { windowStart } from "../record/counted.ts";
import { adviceLedger, type SimilarTo } from "./ledger.ts";

/** The advice's facts, where its window starts, and the facts in words. */
export type EtaAdvice = EtaAdviceFacts & { since: Date; text: string };

/**
 * What the last 90 days of the ledger say about an ETA for an incident like
 * `query`, now: one read of the ledger, then the pure rule. It only informs:
 * nothing here changes what is posted.
 *
 * @example (await etaAdviceFor(ctx, { impact: "major", componentIds: [], startedAt: ctx.clock() })).text
 */
export async function etaAdviceFor(ctx: ServiceContext, query: AdviceQuery & SimilarTo): Promise<EtaAdvice> {
  const now = ctx.clock();
  const since = windowStart(now, adviceWindowDays);
  const facts = etaAdvice(await adviceLedger(ctx, since, query), query, now);
  return { ...facts, since, text: etaAdviceText(facts, now, ctx.config.pageTimezone) };
}
