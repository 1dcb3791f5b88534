import { z } from "zod";
import { acmeEnv } from "@/lib/acme/acme-env";
import { checkConfigFromEnv } from "@/lib/checks/config";
import { scorerConfigFromEnv } from "@/lib/content-score/scorer-config";

const port = z.coerce
  .number({ error: "a port number" })
  .int("a port number")
  .min(1, "a port number")
  .max(65535, "a port number");
const minutes = z.coerce.number({ error: "a number of minutes" }).min(0, "0 or more minutes");
const millis = (min: number) =>
  z.coerce.number({ error: "a number of milliseconds" }).int("whole milliseconds").min(min, `at least ${min} ms`);

/** The server's own variables (the checks and ACME ones are read by their modules). */
const envSchema = z.object({
  PORT: port.optional(),
  DATABASE_URL: z.string().startsWith("file:", "a SQLite file: URL, e.g. file:./data/postwright.db").optional(),
  POSTWRIGHT_CHECK_SCHEDULE_MINUTES: minutes.optional(),
  POSTWRIGHT_RENEWAL_INTERVAL_MINUTES: minutes.optional(),
  POSTWRIGHT_CHECK_INTERVAL_MS: millis(1000).optional(),
  POSTWRIGHT_DNS_CACHE_MS: millis(0).optional(),
  POSTWRIGHT_POSTCONF: z.string().startsWith("/", "the absolute path of a postconf program").optional(),
});

/**
 * Every problem with the environment, in words, checked once at start-up so a
 * mistyped variable stops the server with a message instead of being ignored.
 */
export function environmentProblems(env: Record<string, string | undefined> = process.env): string[] {
  const set = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => Object.hasOwn(envSchema.shape, k) && v !== undefined && v.trim() !== ""),
  );
  const problems: string[] = [];
  const parsed = envSchema.safeParse(set);
  if (!parsed.success)
    for (const i of parsed.error.issues)
      problems.push(`${String(i.path[0])}="${set[String(i.path[0])]}": expected ${i.message}`);
  for (const read of [
    () => checkConfigFromEnv(env),
    () => acmeEnv(env as NodeJS.ProcessEnv),
    () => scorerConfigFromEnv(env),
  ]) {
    try {
      read();
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return problems;
}

/** Stops the process with the list of problems, if there are any (called once, at start-up). */
export function assertEnvironment(env: Record<string, string | undefined> = process.env): void {
  const problems = environmentProblems(env);
  if (!problems.length) return;
  console.error(
    [
      "Postwright cannot start: fix these environment variables (see the README):",
      ...problems.map((p) => `  - ${p}`),
    ].join("\n"),
  );
  process.exit(1);
}
