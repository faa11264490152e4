// What each public HTML page reads, as plain data for render/views.
export { loadHistoryPage } from "./history.ts";
export { loadHomePage } from "./home.ts";
