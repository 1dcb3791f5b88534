import { Option, type Command } from "commander";
import type { StatusChange } from "@/lib/checks/changes-since";
import {
  checkConfigFromEnv,
  checkConfigVariables,
  parseConfigValue,
  type CheckConfig,
  type ConfigKey,
} from "@/lib/checks/config";
import { checkIds, type CheckId, type CheckResult } from "@/lib/checks/result";
import { runAndStoreChecks } from "@/lib/use-cases/run-and-store-checks";
import { setupFromArg } from "../setup-ref";
import { UsageError } from "../usage-error";

const flags: [string, ConfigKey, string][] = [
  ["--resolver <host[:port]>", "resolver", "resolver"],
  ["--ns-port <n>", "nsPort", "nsPort"],
  ["--echo <name/type@server,…>", "echo", "echo"],
  ["--dnsbl <zone,…>", "dnsbl", "dnsbl"],
  ["--port25-probe <host[:port],…>", "port25Probes", "port25Probe"],
  ["--deadline <ms>", "deadlineMs", "deadline"],
  ["--connect <ip[:port]=host[:port],…>", "connect", "connect"],
];

const mark: Record<CheckResult["status"], string> = {
  pass: "PASS ",
  warn: "WARN ",
  fail: "FAIL ",
  skip: "skip ",
  error: "ERROR",
};

function configFrom(opts: Record<string, string | undefined>): CheckConfig {
  let config: CheckConfig;
  try {
    config = checkConfigFromEnv(process.env);
    for (const [, key, prop] of flags)
      if (opts[prop] !== undefined)
        (config as unknown as Record<string, unknown>)[key] = parseConfigValue(key, opts[prop]!);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return config;
}

export function register(program: Command) {
  const cmd = program
    .command("check")
    .argument("<domain>", "the setup's domain")
    .description(
      "Run the live checks (network, DNS, reverse DNS, blocklists, port 25, TLS) for a setup. Exit status: 0 every check passed (warnings and skips allowed), 1 a check failed, 2 bad input, 3 no check failed but one could not run (error: this machine's network, a silent server).",
    )
    .option("--json", 'print JSON: { "domain": …, "checks": [ … ] }')
    .option("--only <id,…>", `run only these checks (${checkIds.join(", ")})`)
    .option("--no-save", "do not store the results as the setup's latest run")
    .option("--server-not-installed", "the mail server is not installed yet: skip its TLS check (said in the output)");
  for (const [flag] of flags) {
    const v = checkConfigVariables.find((x) => x[1] === flag.split(" ")[0])!;
    cmd.addOption(new Option(flag, `${v[2]} (env ${v[0]}; default ${v[3]})`));
  }
  cmd.addHelpText(
    "after",
    `\nEvery network target can also be set by its environment variable:\n${checkConfigVariables.map((v) => `  ${v[0].padEnd(26)} ${v[1]}`).join("\n")}\n\nExit status:\n  0  every check passed (warnings and skips allowed)\n  1  at least one check failed\n  2  bad input (an unknown option, setup or value)\n  3  no check failed, but at least one could not run (error)`,
  );
  cmd.action(async (domain: string, opts: Record<string, string | boolean | undefined>) => {
    const config = configFrom(opts as Record<string, string | undefined>);
    let only: CheckId[] | undefined;
    if (typeof opts.only === "string") {
      only = opts.only.split(",").map((s) => s.trim()) as CheckId[];
      const unknown = only.filter((id) => !(checkIds as readonly string[]).includes(id));
      if (unknown.length) throw new UsageError(`unknown check id: ${unknown.join(", ")}`);
    }
    const setup = await setupFromArg(domain);
    const started = Date.now();
    const { results, changes } = await runAndStoreChecks(setup, {
      config,
      only,
      store: opts.save !== false,
      serverInstalled: opts.serverNotInstalled ? false : undefined,
      onResult: opts.json ? undefined : printResult,
    });
    if (opts.json)
      process.stdout.write(
        JSON.stringify({ domain: setup.domain, checks: results, changedSincePreviousRun: changes }, null, 2) + "\n",
      );
    else printSummary(results, changes, Date.now() - started);
    process.exitCode = checkExitCode(results);
  });
}

function printResult(r: CheckResult) {
  process.stdout.write(`${mark[r.status]}  ${r.id.padEnd(16)} ${r.summary}\n`);
  if (r.fix) process.stdout.write(`${" ".repeat(24)}→ ${r.fix}\n`);
}

function printSummary(results: CheckResult[], changes: StatusChange[], ms: number) {
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const counts = ["pass", "warn", "fail", "error"].map((s) => `${count(s)} ${s}`).join(", ");
  process.stdout.write(`\n${counts}, ${count("skip")} skipped in ${ms} ms\n`);
  if (changes.length)
    process.stdout.write(
      `Changed since the previous run: ${changes.map((c) => `${c.id} ${c.from ?? "new"} → ${c.to}`).join(", ")}\n`,
    );
}

/** 1 when a check failed, else 3 when one could not run, else 0 (2 is bad input, set by the CLI itself). */
export function checkExitCode(results: CheckResult[]): number {
  if (results.some((r) => r.status === "fail")) return 1;
  if (results.some((r) => r.status === "error")) return 3;
  return 0;
}
