/** Applies pending migrations to DATABASE_URL and exits (the Workers deploy step: Workers cannot migrate). */
import { openDatabase } from "../src/db/open-node.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL: set it to the Postgres server to migrate");
  process.exit(1);
}
const database = await openDatabase({ databaseUrl: url });
await database.close();
console.log("migrations applied");
