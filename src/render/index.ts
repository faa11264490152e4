import Handlebars from "handlebars/runtime.js";
import { specs } from "./generated/templates.ts";

// The pages' Content-Security-Policy allows these inline scripts and no others.
export { inlineScriptHashes } from "./generated/templates.ts";

type Spec = Parameters<typeof Handlebars.template>[0];
export type TemplateName = keyof typeof specs;

const hb = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();
for (const [name, spec] of Object.entries(specs)) {
  const template = hb.template(spec as unknown as Spec);
  compiled.set(name, template);
  if (name.startsWith("partials/")) hb.registerPartial(name.slice("partials/".length), template);
}

hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
hb.registerHelper("upper", (s: unknown) => String(s ?? "").toUpperCase());
hb.registerHelper("humanize", (s: unknown) => {
  const text = String(s ?? "").replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
});
hb.registerHelper("json", (v: unknown) => JSON.stringify(v, null, 2));

/**
 * Renders a precompiled template. Handlebars escapes every `{{value}}`; the
 * templates never use triple braces for data.
 *
 * @example render("pages/home", { pageName: "Status" })
 */
export function render(name: TemplateName, data: Record<string, unknown>): string {
  const template = compiled.get(name);
  if (!template) throw new Error(`no template ${name}`);
  return template(data);
}
