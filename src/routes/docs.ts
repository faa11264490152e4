import type { Hono } from "hono";
import { render } from "../render/index.ts";
import type { AppEnv } from "./env.ts";

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  example?: unknown;
  enum?: unknown[];
  $ref?: string;
};
type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
};
export type OpenApiDoc = {
  info: { title: string; version: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

/** A sample body built from the schema's examples, so "Try it" starts from something valid-looking. */
function sample(schema: Schema | undefined, doc: OpenApiDoc, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  if (schema.$ref) return sample(doc.components?.schemas?.[schema.$ref.split("/").pop() as string], doc, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  if (schema.properties) {
    return Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, sample(v, doc, depth + 1)]));
  }
  return schema.type === "string" ? "" : schema.type === "boolean" ? true : null;
}

/**
 * Interactive API docs rendered from the live OpenAPI document: every
 * operation, its parameters and a "Try it" form. Served from this process,
 * with no assets from elsewhere, so it works offline and inside Workers.
 */
export function registerDocs(app: Hono<AppEnv>, getDoc: () => OpenApiDoc, specUrl: string) {
  let html: string | undefined;
  app.get("/docs", (c) => {
    html ??= renderDocs(getDoc(), specUrl, c.var.deps.config.pageName);
    return c.html(html);
  });
}

function renderDocs(doc: OpenApiDoc, specUrl: string, pageName: string): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const body = op.requestBody?.content?.["application/json"]?.schema;
      const query = (op.parameters ?? []).filter((p) => p.in === "query").map((p) => `${p.name}=`);
      return {
        id: `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`,
        method,
        path,
        summary: op.summary ?? "",
        description: op.description,
        pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        query: query.join("&"),
        body: body ? JSON.stringify(sample(body, doc), null, 2) : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description })),
      };
    }),
  );
  return render("pages/docs", { title: doc.info.title, version: doc.info.version, specUrl, pageName, operations });
}
