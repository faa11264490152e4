export * from "./access.ts";
export * from "./components.ts";
export * from "./delivery.ts";
export * from "./incidents.ts";
export * from "./listen.ts";
export * from "./pages.ts";
export * from "./subscribers.ts";
export * from "./templates.ts";
