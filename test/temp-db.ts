// Import this FIRST in a test file that touches the database: it points
// DATABASE_URL at a fresh temporary SQLite file with every migration applied,
// before lib/db creates its client.
import { createTempDb } from "./rig/temp-db";

/** The temporary database (its url, folder, and remove() for afterAll). */
export const tempDb = createTempDb();
process.env.DATABASE_URL = tempDb.url;

/** The temporary database's folder (removed by the OS's tmp cleaning; tests may rm it in afterAll). */
export const tempDbDir = tempDb.dir;
