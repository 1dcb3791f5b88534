/**
 * The one gate every input value passes before it reaches a configuration
 * file: a value is either proved to fit its kind (host name, address, path…)
 * or refused. Nothing is "escaped" by quoting, because Postfix, Dovecot and
 * rspamd each quote differently (and main.cf not at all): refusing is the
 * only rule that holds in every format.
 */

export type ValueKind =
  | "hostname" // ASCII DNS name, lower case
  | "email" // local@hostname, restricted local part (lib/setup/names.ts)
  | "selector" // DKIM selector label
  | "ipv4"
  | "ipv6"
  | "port"
  | "path" // absolute path of safe characters
  | "bcrypt" // $2a/$2b/$2y$ hash
  | "secret" // free text (relay password): no control characters, no edge spaces
  | "pem" // a PEM block (only ever written as a whole file)
  | "cidr" // an IPv4 or IPv6 network, e.g. 127.0.0.0/8 or ::1
  | "hostport" // an IPv4 address and a port, e.g. 127.0.0.1:53
  | "idn" // the Unicode form of a host name (letters of any script, digits, hyphens, dots)
  | "fingerprint"; // SHA-256 as colon-separated upper-case hex pairs

export class UnsafeConfigValueError extends Error {
  constructor(
    readonly field: string,
    readonly kind: ValueKind,
    readonly reason: string,
  ) {
    super(`refused value for ${field} (${kind}): ${reason}`);
    this.name = "UnsafeConfigValueError";
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const LOCAL_PART = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9_+-])?$/;
const PEM =
  /^-----BEGIN ([A-Z0-9 ]+)-----\n[A-Za-z0-9+/=\n]+-----END \1-----\n?(?:-----BEGIN ([A-Z0-9 ]+)-----\n[A-Za-z0-9+/=\n]+-----END \2-----\n?)*$/;

function hostnameProblem(v: string): string | null {
  if (v.length > 253) return "longer than 253 characters";
  const labels = v.split(".");
  if (labels.length < 2) return "not a fully qualified name";
  if (!labels.every((l) => LABEL.test(l))) return "not an ASCII host name (letters, digits, hyphens)";
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return "numeric top-level label";
  return null;
}

function problem(kind: ValueKind, v: string): string | null {
  if (kind !== "pem" && CONTROL.test(v)) return "contains a control character (line break, NUL…)";
  switch (kind) {
    case "hostname":
      return hostnameProblem(v);
    case "email": {
      const at = v.lastIndexOf("@");
      if (at < 1) return "not an e-mail address";
      const local = v.slice(0, at);
      if (!LOCAL_PART.test(local) || local.includes("..")) return "local part has characters outside a-z 0-9 . _ + -";
      return hostnameProblem(v.slice(at + 1));
    }
    case "selector":
      return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(v) ? null : "not a DNS label";
    case "ipv4":
      return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(v)
        ? null
        : "not an IPv4 address";
    case "ipv6":
      return /^[0-9a-f:.]{2,45}$/.test(v) && v.includes(":") ? null : "not an IPv6 address";
    case "port":
      return /^[1-9]\d{0,4}$/.test(v) && Number(v) <= 65535 ? null : "not a port number";
    case "path":
      return /^\/[A-Za-z0-9._+/-]{0,254}$/.test(v) && !v.split("/").includes("..")
        ? null
        : "not an absolute path of safe characters";
    case "bcrypt":
      return /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/.test(v) ? null : "not a bcrypt hash";
    case "secret":
      if (v.length === 0) return "empty";
      if (v.length > 512) return "longer than 512 characters";
      if (v !== v.trim()) return "starts or ends with white space";
      return null;
    case "pem":
      return PEM.test(v.replace(/\r\n/g, "\n")) ? null : "not a PEM block";
    case "cidr": {
      const [ip, bits, ...rest] = v.split("/");
      if (rest.length || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return "not a network";
      return problem(ip.includes(":") ? "ipv6" : "ipv4", ip);
    }
    case "hostport": {
      const m = /^([0-9.]+):(\d+)$/.exec(v);
      return m ? (problem("ipv4", m[1]) ?? problem("port", m[2])) : "not address:port";
    }
    case "idn":
      return v.length <= 253 && /^[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+$/u.test(v) ? null : "not a host name";
    case "fingerprint":
      return /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/.test(v) ? null : "not a SHA-256 fingerprint";
  }
}

/** Why `value` is not a safe `kind`, or null (the Setup schema refuses with the same rule: lib/setup/schema.ts). */
export function valueProblem(kind: ValueKind, value: string): string | null {
  return problem(kind, value);
}

/** Returns `value` when it is a safe `kind`, or throws UnsafeConfigValueError naming `field`. */
export function configValue(field: string, kind: ValueKind, value: string | number): string {
  const v = String(value);
  const p = problem(kind, v);
  if (p) throw new UnsafeConfigValueError(field, kind, p);
  return v;
}

/** A host for `[host]:port` (relayhost, sasl_passwd): a name, or an IP literal. */
export function hostValue(field: string, value: string): string {
  if (/^[0-9.]+$/.test(value)) return configValue(field, "ipv4", value);
  if (value.includes(":")) return configValue(field, "ipv6", value);
  return configValue(field, "hostname", value);
}
