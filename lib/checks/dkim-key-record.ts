/**
 * A DKIM key record (RFC 6376 §3.6.1) parsed as a verifier does: the tag-list
 * grammar of §3.2 (no duplicate tag, names case-sensitive), v= first and
 * DKIM1, h= listing the hash of the signatures, k= a key type, s= including
 * email, t= flags, p= base64 (whitespace ignored, empty: revoked).
 * Hand-written: mailauth's key lookup ignores h=, s= and t=.
 */
export interface DkimKeyRecord {
  tags: Map<string, string>;
  /** p= with whitespace removed; "" when revoked. */
  publicKey: string;
  keyType: string;
  hashes: string[] | null;
  services: string[];
  flags: string[];
}

export type DkimKeyProblem =
  | { kind: "syntax"; detail: string }
  | { kind: "version"; found: string }
  | { kind: "versionNotFirst" }
  | { kind: "noKey" }
  | { kind: "badBase64" }
  | { kind: "service"; found: string }
  | { kind: "hash"; found: string; needed: string }
  | { kind: "keyType"; found: string };

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The §3.2 tag-list: "name=value" separated by ";" with optional whitespace; null when it does not parse. */
export function parseTagList(text: string): { tags: Map<string, string>; order: string[] } | { error: string } {
  const tags = new Map<string, string>();
  const order: string[] = [];
  const specs = text.split(";");
  if (specs.length > 1 && specs[specs.length - 1].trim() === "") specs.pop();
  for (const spec of specs) {
    const i = spec.indexOf("=");
    if (i < 0) return { error: `"${spec.trim()}" is not name=value` };
    const name = spec.slice(0, i).trim();
    const value = spec.slice(i + 1).trim();
    if (!TAG_NAME.test(name)) return { error: `"${name}" is not a tag name` };
    if (tags.has(name)) return { error: `the tag ${name}= appears twice` };
    tags.set(name, value);
    order.push(name);
  }
  return { tags, order };
}

export function parseDkimKeyRecord(text: string): DkimKeyRecord | DkimKeyProblem {
  const parsed = parseTagList(text);
  if ("error" in parsed) return { kind: "syntax", detail: parsed.error };
  const { tags, order } = parsed;
  const v = tags.get("v");
  if (v !== undefined && v !== "DKIM1") return { kind: "version", found: v };
  if (v !== undefined && order[0] !== "v") return { kind: "versionNotFirst" };
  const p = tags.get("p");
  if (p === undefined) return { kind: "noKey" };
  const publicKey = p.replace(/[\s]+/g, "");
  if (publicKey && !BASE64.test(publicKey)) return { kind: "badBase64" };
  const list = (value: string | undefined) =>
    value === undefined
      ? null
      : value
          .split(":")
          .map((x) => x.trim().toLowerCase())
          .filter(Boolean);
  const services = list(tags.get("s")) ?? ["*"];
  if (!services.includes("*") && !services.includes("email")) return { kind: "service", found: tags.get("s")! };
  return {
    tags,
    publicKey,
    keyType: (tags.get("k") ?? "rsa").trim().toLowerCase(),
    hashes: list(tags.get("h")),
    services,
    flags: list(tags.get("t")) ?? [],
  };
}

/**
 * Whether a verifier could use this key for signatures by `algorithm`
 * (rsa-sha256 or ed25519-sha256, as the setup signs): the key type must match
 * and h=, when present, must list sha256 (RFC 6376 §6.1.2, RFC 8463).
 */
export function keyUsableFor(record: DkimKeyRecord, algorithm: string): DkimKeyProblem | null {
  const wantK = algorithm === "ed25519" ? "ed25519" : "rsa";
  if (record.keyType !== wantK) return { kind: "keyType", found: record.keyType };
  if (record.hashes && !record.hashes.includes("sha256"))
    return { kind: "hash", found: record.hashes.join(":"), needed: "sha256" };
  return null;
}
