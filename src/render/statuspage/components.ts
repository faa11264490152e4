import { type ComponentStatus, worstStatus } from "../../domain/components.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import type { TimeFormat } from "./time.ts";

/** A component in Statuspage's shape; groups carry the ids of their `components`. */
export type StatuspageComponent = {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  components?: string[];
};

/** A component row as the shaping needs it. */
export type ComponentRow = {
  id: string;
  name: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  position: number;
  description: string | null;
  groupName: string | null;
};

/**
 * A stable id for the group Candor names only by its group name (Statuspage groups are components).
 *
 * @example await groupIdOf("Core") // "grp_…" (16 hex digits, the same on every call)
 */
export async function groupIdOf(groupName: string): Promise<string> {
  return `grp_${(await sha256Hex(`component-group:${groupName}`)).slice(0, 16)}`;
}

/**
 * Live components in display order, with one synthesised group component
 * before the members of each group name, as Statuspage lists them.
 *
 * @example await statuspageComponents(rows, "status.example.com", time) // [{ group: true, … }, { group_id: "grp_…", … }]
 */
export async function statuspageComponents<R extends ComponentRow>(
  rows: R[],
  pageId: string,
  time: TimeFormat,
): Promise<StatuspageComponent[]> {
  const shape = (c: R, groupId: string | null): StatuspageComponent => ({
    id: c.id,
    name: c.name,
    status: c.status as ComponentStatus,
    created_at: time(c.createdAt),
    updated_at: time(c.updatedAt),
    position: c.position,
    description: c.description,
    showcase: false,
    start_date: null,
    group_id: groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });
  const members = new Map<string, R[]>();
  for (const c of rows) if (c.groupName !== null) members.set(c.groupName, [...(members.get(c.groupName) ?? []), c]);
  const groupIds = new Map<string, string>();
  for (const name of members.keys()) groupIds.set(name, await groupIdOf(name));

  const out: StatuspageComponent[] = [];
  for (const c of rows) {
    if (c.groupName === null) {
      out.push(shape(c, null));
      continue;
    }
    const groupId = groupIds.get(c.groupName) as string;
    const group = members.get(c.groupName) as R[];
    if (group[0] === c) {
      const instant = (pick: (...values: number[]) => number, at: (m: R) => Date) =>
        new Date(pick(...group.map((m) => at(m).getTime())));
      out.push({
        id: groupId,
        name: c.groupName,
        status: worstStatus(group.map((m) => m.status as ComponentStatus)),
        created_at: time(instant(Math.min, (m) => m.createdAt)),
        updated_at: time(instant(Math.max, (m) => m.updatedAt)),
        position: Math.min(...group.map((m) => m.position)),
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: pageId,
        group: true,
        only_show_if_degraded: false,
        components: group.map((m) => m.id),
      });
    }
    out.push(shape(c, groupId));
  }
  return out;
}
