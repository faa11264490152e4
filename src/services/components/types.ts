import type { components } from "../../db/schema/index.ts";
import type { ComponentStatus } from "../../domain/components.ts";

export type Component = typeof components.$inferSelect;

export type ComponentInput = {
  slug: string;
  name: string;
  description?: string | null;
  group?: string | null;
  position?: number;
};

export type ComponentPatch = Partial<Omit<ComponentInput, "slug">> & { status?: ComponentStatus };
