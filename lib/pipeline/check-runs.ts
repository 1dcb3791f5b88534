import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { CheckResult } from "@/lib/checks/result";

export interface StoredCheckRun {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  results: CheckResult[];
}

const toStored = (r: { id: string; startedAt: Date; finishedAt: Date | null; results: string }): StoredCheckRun => ({
  id: r.id,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  results: JSON.parse(r.results) as CheckResult[],
});

export async function saveCheckRun(setupId: string, startedAt: Date, results: CheckResult[]): Promise<StoredCheckRun> {
  const row = await db.checkRun.create({
    data: { setupId, startedAt, finishedAt: new Date(), results: JSON.stringify(results) },
  });
  // Keep a bounded history: the page only needs the last runs.
  const old = await db.checkRun.findMany({
    where: { setupId },
    orderBy: { startedAt: "desc" },
    skip: 20,
    select: { id: true },
  });
  if (old.length) await db.checkRun.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
  return toStored(row);
}

/** The last `n` finished runs of a setup, newest first. */
export async function recentCheckRuns(setupId: string, n = 2): Promise<StoredCheckRun[]> {
  const rows = await db.checkRun.findMany({
    where: { setupId, finishedAt: { not: null } },
    orderBy: { startedAt: "desc" },
    take: n,
  });
  return rows.map(toStored);
}

/** The most recent finished run of a setup, or null. */
export async function latestCheckRun(setupId: string): Promise<StoredCheckRun | null> {
  const row = await db.checkRun.findFirst({
    where: { setupId, finishedAt: { not: null } },
    orderBy: { startedAt: "desc" },
  });
  return row ? toStored(row) : null;
}

/** latestCheckRun read once per page render (the step layout's progress and the page share it). */
export const latestCheckRunOnce = cache(latestCheckRun);
