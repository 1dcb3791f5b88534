import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";

export interface TarEntry {
  path: string;
  content: string | Buffer;
  mode: number;
}

/** Fixed for every entry so the same inputs give the same bytes (2000-01-01T00:00:00Z). */
const MTIME = new Date(Date.UTC(2000, 0, 1));

/**
 * A .tar.gz whose bytes depend only on the entries: fixed mtime, root owner,
 * the order given, and a gzip header without a timestamp (zlib writes 0).
 */
export async function deterministicTarGz(entries: TarEntry[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (c) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    tar.on("end", resolve);
    tar.on("error", reject);
  });
  const dirs = new Set<string>();
  for (const e of entries) {
    const parts = e.path.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (dirs.has(dir)) continue;
      dirs.add(dir);
      tar.entry({
        name: `${dir}/`,
        type: "directory",
        mode: 0o755,
        mtime: MTIME,
        uid: 0,
        gid: 0,
        uname: "root",
        gname: "root",
      });
    }
    const body = typeof e.content === "string" ? Buffer.from(e.content, "utf8") : e.content;
    tar.entry(
      { name: e.path, mode: e.mode, mtime: MTIME, uid: 0, gid: 0, uname: "root", gname: "root", size: body.length },
      body,
    );
  }
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}
