import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../middleware/auth.ts";
import { listMentions } from "../../../services/mentions/index.ts";
import { type Api, serviceContext } from "../../env.ts";
import { errorResponses } from "../schemas.ts";
import { security, tags } from "./common.ts";
import { ListenSourceSchema, MentionSchema, MentionStateSchema } from "./schema.ts";
import { mentionJson } from "./to-json.ts";

/** GET /api/v1/mentions: handles and words of real people, so it needs mentions:read. */
export const listMentionsRoute = createRoute({
  method: "get",
  path: "/api/v1/mentions",
  tags,
  security,
  summary: "The inbox of posts heard on X, newest first",
  description: "Posts that mentioned the account or matched LISTEN_QUERY, each once whichever sources found it.",
  middleware: requireScope("mentions:read"),
  request: {
    query: z.object({
      state: MentionStateSchema.optional(),
      source: ListenSourceSchema.optional(),
      incident: z.string().max(64).optional().openapi({ description: "only posts heard while this incident was open" }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(200).optional().openapi({ description: "next_cursor from the previous page" }),
    }),
  },
  responses: {
    200: {
      description: "A page of the inbox",
      content: {
        "application/json": { schema: z.object({ data: z.array(MentionSchema), next_cursor: z.string().nullable() }) },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

export function registerListMentions(api: Api) {
  api.openapi(listMentionsRoute, async (c) => {
    const page = await listMentions(serviceContext(c), c.req.valid("query"));
    return c.json({ data: page.mentions.map(mentionJson), next_cursor: page.nextCursor }, 200);
  });
}
