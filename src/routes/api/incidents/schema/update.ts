import { z } from "@hono/zod-openapi";
import {
  ComponentStatusSchema,
  ImpactSchema,
  IncidentStatusSchema,
  Timestamp,
  UpdateKindSchema,
} from "../../schemas.ts";

export const IncidentUpdateSchema = z
  .object({
    id: z.string(),
    status: IncidentStatusSchema,
    impact: ImpactSchema,
    message: z.string(),
    eta: Timestamp.nullable(),
    next_update_due_at: Timestamp.nullable(),
    author: z.string(),
    kind: UpdateKindSchema,
    components: z.record(z.string(), ComponentStatusSchema),
    notify: z.object({ twitter: z.boolean(), email: z.boolean(), webhook: z.boolean(), chat: z.boolean() }),
    promise_outcome: z
      .enum(["kept_by_engineer", "kept_by_machine", "missed"])
      .nullable()
      .openapi({ description: "How this update's next-update promise turned out; null while pending" }),
    late_by_seconds: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "For automatic updates: how long after the promised time it went out" }),
    tweet_id: z.string().nullable().openapi({ description: "The X post that carried this update, once published" }),
    created_at: Timestamp,
    edited_at: Timestamp.nullable().openapi({
      description: "When the message was last corrected (PATCH); the audit log keeps the earlier wording",
    }),
    hidden: z.boolean().openapi({ description: "Taken off every public view (DELETE); only API keys see it" }),
    hidden_at: Timestamp.nullable(),
  })
  .openapi("IncidentUpdate");

export const PromiseRecordSchema = z
  .object({
    eta: z.object({
      made: z.number().int(),
      met: z.number().int(),
      missed: z.number().int(),
      pending: z.number().int(),
    }),
    next_update: z.object({
      made: z.number().int(),
      kept_by_engineers: z.number().int(),
      kept_by_machine: z.number().int(),
      missed: z.number().int(),
      pending: z.number().int(),
    }),
  })
  .openapi("PromiseRecord");

export const EtaRevisionSchema = z
  .object({
    id: z.string(),
    update_id: z.string(),
    previous_eta: Timestamp.nullable(),
    eta: Timestamp.nullable(),
    promised_at: Timestamp,
    outcome: z.enum(["met", "missed", "revised", "withdrawn", "closed"]).nullable(),
    settled_at: Timestamp.nullable(),
    missed_by_seconds: z.number().int().nullable(),
  })
  .openapi("EtaRevision");
