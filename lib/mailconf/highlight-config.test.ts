import { describe, expect, it } from "vitest";
import { highlightConfig } from "./highlight-config";

describe("highlightConfig", () => {
  it("tells keys, values, variables and comments apart, and keeps every character", () => {
    const main =
      "# comment\nmyorigin = $mydomain\nsmtpd_tls_session_cache_database = btree:${data_directory}/smtpd_scache\n";
    const lines = highlightConfig(main, "postfix");
    expect(lines[0]).toEqual([{ kind: "comment", text: "# comment" }]);
    expect(lines[1].filter((t) => t.kind !== "plain")).toEqual([
      { kind: "key", text: "myorigin" },
      { kind: "operator", text: " = " },
      { kind: "variable", text: "$mydomain" },
    ]);
    expect(lines[2].find((t) => t.kind === "variable")?.text).toBe("${data_directory}");
    expect(lines.map((l) => l.map((t) => t.text).join("")).join("\n")).toBe(main.trimEnd());
  });
  it("marks Dovecot sections and master.cf -o options", () => {
    expect(highlightConfig("service lmtp {\n  port = 0\n}", "dovecot").map((l) => l.map((t) => t.kind))).toEqual([
      ["plain", "section"],
      ["plain", "key", "operator", "value"],
      ["plain", "section"],
    ]);
    expect(highlightConfig("  -o smtpd_tls_wrappermode=yes", "postfix-master")[0].map((t) => t.kind)).toEqual([
      "operator",
      "key",
      "operator",
      "value",
    ]);
  });
});
