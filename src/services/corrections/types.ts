import type { IncidentDetail, IncidentUpdate } from "../../db/models.ts";
import type { ChannelsNote } from "./old-text.ts";

/** What a correction of an update answers: the update and its incident as they now stand, and the channels note. */
export type UpdateCorrection = { incident: IncidentDetail; update: IncidentUpdate; channels: ChannelsNote };

/** What a correction of a title answers. */
export type TitleCorrection = { incident: IncidentDetail; channels: ChannelsNote };
