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
      "Run the live checks (DNS, reverse DNS, blocklists, port 25, TLS) for a setup; " +
        "exit 0 when none fails, 1 when one does.",
    )
    .option("--json", 'print JSON: { "domain": …, "checks": [ … ] }')
    .option("--only <id,…>", `run only these checks (${checkIds.join(", ")})`)
    .option("--no-save", "do not store the results as the setup's latest run");
  for (const [flag] of flags) {
    const v = checkConfigVariables.find((x) => x[1] === flag.split(" ")[0])!;
    cmd.addOption(new Option(flag, `${v[2]} (env ${v[0]}; default ${v[3]})`));
  }
  const variables = checkConfigVariables.map((v) => `  ${v[0].padEnd(26)} ${v[1]}`).join("\n");
  cmd.addHelpText("after", `\nEvery network target can also be set by its environment variable:\n${variables}`);
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
      onResult: opts.json ? undefined : printResult,
    });
    if (opts.json)
      process.stdout.write(
        JSON.stringify({ domain: setup.domain, checks: results, changedSincePreviousRun: changes }, null, 2) + "\n",
      );
    else printSummary(results, changes, Date.now() - started);
    if (results.some((r) => r.status === "fail")) process.exitCode = 1;
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
