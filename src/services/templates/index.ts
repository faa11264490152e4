// Incident templates: declarations and updates written ahead, used by name
// (`template: "db-down"`) with any field overridden by the request.
export { createTemplate } from "./create.ts";
export { deleteTemplate } from "./delete.ts";
export { fillDeclare, fillUpdate, type TemplatedDeclare, type TemplatedUpdate } from "./fill.ts";
export { findTemplate, getTemplate } from "./find.ts";
export { listTemplates } from "./list.ts";
export type { Template, TemplateInput, TemplatePatch } from "./types.ts";
export { updateTemplate } from "./update.ts";
