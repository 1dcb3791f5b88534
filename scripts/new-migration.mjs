#!/usr/bin/env node
// A new Prisma migration from the schema as it was at the last commit to the
// working one (`prisma migrate dev` needs a shadow database, which the JS
// schema engine cannot make). Usage: npm run db:migration -- NAME
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:migration -- NAME");
  process.exit(2);
}
const old = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pw-mig-")), "schema.prisma");
fs.writeFileSync(old, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const sql = execFileSync(
  "npx",
  [
    "prisma",
    "migrate",
    "diff",
    "--from-schema-datamodel",
    old,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { encoding: "utf8" },
);
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql`);
