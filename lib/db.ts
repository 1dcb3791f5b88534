import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/db/url";

function createClient() {
  return new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: databaseUrl() }),
    // Secret columns never leave the database unless a query asks for them by name.
    omit: { secret: { ciphertext: true }, admin: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { postwrightDb?: Db };

/** The one Prisma client of this process. */
export const db: Db = globalForDb.postwrightDb ?? createClient();
globalForDb.postwrightDb = db;
