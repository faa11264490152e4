// The reads behind the status badges; the SVG is drawn in render/badge.ts.
export { componentBadgeStatus } from "./component-status.ts";
export { pageBadgeStatus } from "./page-status.ts";
