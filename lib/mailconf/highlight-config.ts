import type { FileSyntax } from "./mail-files";

export type TokenKind = "comment" | "key" | "operator" | "value" | "variable" | "section" | "plain";
export interface Token {
  kind: TokenKind;
  text: string;
}

/** Splits a value so Postfix's $name and ${name} references stand out. */
function valueTokens(text: string): Token[] {
  return text
    .split(/(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)/)
    .filter(Boolean)
    .map((t) => ({ kind: t.startsWith("$") ? "variable" : "value", text: t }));
}

/**
 * A small hand-written highlighter for the formats Postwright renders
 * (Postfix main.cf and master.cf, Dovecot, rspamd, Sieve, maps): enough to tell
 * comments, keys, values and sections apart; not a parser.
 */
export function highlightConfig(content: string, syntax: FileSyntax): Token[][] {
  return content
    .replace(/\r\n/g, "\n")
    .replace(/\n$/, "")
    .split("\n")
    .map((line): Token[] => {
      if (/^\s*#/.test(line) || (syntax === "lua" && /^\s*--/.test(line))) return [{ kind: "comment", text: line }];
      if (syntax === "pem" || syntax === "text" || syntax === "lua") return [{ kind: "plain", text: line }];
      if (syntax === "postfix" || (syntax === "dovecot" && line.includes(" = "))) {
        const m = /^(\s*)([^=\s][^=]*?)(\s*=\s*)(.*)$/.exec(line);
        if (m)
          return [
            { kind: "plain", text: m[1] },
            { kind: "key", text: m[2] },
            { kind: "operator", text: m[3] },
            ...valueTokens(m[4]),
          ];
      }
      if (syntax === "dovecot" || syntax === "nginx" || syntax === "rspamd" || syntax === "sieve") {
        const m = /^(\s*)(\S+)(.*?)(\{|\}|;)?\s*$/.exec(line);
        if (m && (m[4] === "{" || line.trim() === "}"))
          return [
            { kind: "plain", text: m[1] },
            { kind: "section", text: line.trim() },
          ];
        if (m)
          return [
            { kind: "plain", text: m[1] },
            { kind: "key", text: m[2] },
            ...valueTokens(m[3]),
            ...(m[4] ? [{ kind: "operator" as const, text: m[4] }] : []),
          ];
      }
      if (syntax === "postfix-master") {
        if (/^\s+-o /.test(line)) {
          const m = /^(\s+-o )([^=]+)(=)(.*)$/.exec(line);
          if (m)
            return [
              { kind: "operator", text: m[1] },
              { kind: "key", text: m[2] },
              { kind: "operator", text: m[3] },
              ...valueTokens(m[4]),
            ];
        }
        const m = /^(\S+)(.*)$/.exec(line);
        if (m)
          return [
            { kind: "section", text: m[1] },
            { kind: "value", text: m[2] },
          ];
      }
      if (syntax === "postfix-map") {
        const m = /^(\S+)(\s+)(.*)$/.exec(line);
        if (m) return [{ kind: "key", text: m[1] }, { kind: "plain", text: m[2] }, ...valueTokens(m[3])];
      }
      return [{ kind: "plain", text: line }];
    });
}
