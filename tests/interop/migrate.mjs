// Apply a migration folder with drizzle-orm's own migrator (node-postgres driver).
// Usage: node migrate.mjs <database-url> <folder> [migrationsSchema] [migrationsTable]
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";

const [url, folder, migrationsSchema = "drizzle", migrationsTable = "__drizzle_migrations"] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await migrate(drizzle(client), { migrationsFolder: folder, migrationsSchema, migrationsTable });
  console.log("drizzle-orm migrate: ok");
} catch (err) {
  console.error("drizzle-orm migrate failed:", err.message);
  process.exitCode = 1;
} finally {
  await client.end();
}
