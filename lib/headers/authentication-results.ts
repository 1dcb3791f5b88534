/** One method's result in an Authentication-Results field (RFC 8601 §2.2). */
export interface AuthResult {
  method: string;
  result: string;
  /** Text of the comments after the result, e.g. "body hash did not verify". */
  comment?: string;
  reason?: string;
  /** ptype.property → value, e.g. "smtp.mailfrom" → "example.com", plus other key=value pairs ("action", "policy.iprev"). */
  props: Record<string, string>;
}

export interface AuthResultsField {
  /** The receiver's name for itself; Microsoft omits it. */
  authservId?: string;
  /** ARC instance (ARC-Authentication-Results only). */
  instance?: number;
  results: AuthResult[];
}

interface Token {
  text: string;
  comments: string[];
}

/**
 * Splits a structured header value into ";"-separated clauses of
 * whitespace-separated tokens, keeping comments beside the token they
 * follow and quoted strings whole. Hand-written: no maintained npm parser of
 * RFC 8601 exists; mailauth parses only what it writes.
 */
function clauses(value: string): Token[][] {
  const out: Token[][] = [[]];
  let cur = "";
  let quoted = false;
  let depth = 0;
  let comment = "";
  const clause = () => out[out.length - 1];
  const flush = () => {
    if (cur) clause().push({ text: cur, comments: [] });
    cur = "";
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (depth) {
      if (c === "\\" && i + 1 < value.length) comment += value[++i];
      else if (c === "(") (depth++, (comment += c));
      else if (c === ")") {
        depth--;
        if (depth) comment += c;
        else {
          flush();
          const last = clause()[clause().length - 1];
          if (last) last.comments.push(comment.trim());
          comment = "";
        }
      } else comment += c;
      continue;
    }
    if (quoted) {
      if (c === "\\" && i + 1 < value.length) cur += value[++i];
      else if (c === '"') quoted = false;
      else cur += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === "(") depth = 1;
    else if (c === ";") (flush(), out.push([]));
    else if (/\s/.test(c)) flush();
    else cur += c;
  }
  flush();
  return out.filter((c) => c.length);
}

/** "dkim=pass", "dkim/1=pass" → ["dkim", "pass"]; tokens that are not method=result → null. */
function methodResult(t: string): [string, string] | null {
  const m = /^([a-z0-9_-]+)(?:\/\d+)?=([a-z0-9_-]+)$/i.exec(t);
  return m ? [m[1].toLowerCase(), m[2].toLowerCase()] : null;
}

function resultOf(clause: Token[]): AuthResult | null {
  const first = methodResult(clause[0].text);
  if (!first) return null;
  const r: AuthResult = { method: first[0], result: first[1], props: {} };
  const comments = [...clause[0].comments];
  for (const t of clause.slice(1)) {
    comments.push(...t.comments);
    const eq = t.text.indexOf("=");
    if (eq <= 0) continue;
    const key = t.text.slice(0, eq).toLowerCase();
    const val = t.text.slice(eq + 1);
    if (key === "reason") r.reason = val;
    else r.props[key] = val;
  }
  if (comments.length) r.comment = comments.join("; ");
  return r;
}

/** Parses an Authentication-Results value (or ARC-Authentication-Results, with its leading "i=N"). */
export function parseAuthResults(value: string, arc = false): AuthResultsField {
  const cl = clauses(value);
  const field: AuthResultsField = { results: [] };
  if (arc && cl[0]?.length === 1 && /^i=\d+$/i.test(cl[0][0].text))
    field.instance = Number(cl.shift()![0].text.slice(2));
  // The authserv-id clause is the one whose first token is not method=result (Microsoft writes none).
  if (cl[0] && !methodResult(cl[0][0].text)) {
    field.authservId = cl[0][0].text.toLowerCase();
    // Some receivers put the first result on the same clause ("mx.example; spf=…" is usual, but "id spf=pass" is seen).
    const rest = cl[0].slice(cl[0][1] && /^\d+$/.test(cl[0][1].text) ? 2 : 1);
    cl[0] = rest;
  }
  for (const c of cl) {
    if (!c.length || (c.length === 1 && c[0].text.toLowerCase() === "none")) continue;
    const r = resultOf(c);
    if (r) field.results.push(r);
  }
  return field;
}

/** Received-SPF: "pass (comment) client-ip=…; envelope-from=…; helo=…" (RFC 7208 §9.1). */
export interface ReceivedSpf {
  result: string;
  comment?: string;
  props: Record<string, string>;
}

export function parseReceivedSpf(value: string): ReceivedSpf | null {
  const cl = clauses(value);
  if (!cl.length || !/^[a-z]+$/i.test(cl[0][0].text)) return null;
  const out: ReceivedSpf = { result: cl[0][0].text.toLowerCase(), props: {} };
  const comments = cl[0][0].comments;
  if (comments.length) out.comment = comments.join("; ");
  for (const t of cl.flat().slice(1)) {
    const eq = t.text.indexOf("=");
    if (eq > 0) out.props[t.text.slice(0, eq).toLowerCase()] = t.text.slice(eq + 1);
  }
  return out;
}
