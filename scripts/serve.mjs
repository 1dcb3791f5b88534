#!/usr/bin/env node
// The wizard's server, in this very process (Next's programmatic API): HTTPS
// with the box's own certificate, plain HTTP on the same port redirected to
// HTTPS, only the box's own names answered (no DNS rebinding), and the client
// address taken from the socket (X-Forwarded-* only from a trusted proxy).
// `npm start` prepares the database and the build, then runs this file.
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { loadOrCreateCertificate, describeCertificate } from "./server/certificate.mjs";
import { actionBodyProblem } from "./server/action-body.mjs";
import { clientOf, createHostCheck, hostName, parseTrustedProxies } from "./server/hosts.mjs";
import { databaseFileOf } from "./prepare-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
// Everything this process creates (database journals, keys, certificates) is the owner's alone.
process.umask(0o077);
const env = process.env;
env.NEXT_TELEMETRY_DISABLED = "1";
env.NODE_ENV = "production";

function fail(message) {
  console.error(`Postwright cannot start: ${message}`);
  process.exit(1);
}

const port = Number(env.PORT || 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT="${env.PORT}": expected a port number`);
const host = env.HOST?.trim() || "0.0.0.0";
const httpsMode = (env.HTTPS ?? "1").trim().toLowerCase();
if (!["", "0", "1", "true", "false", "on", "off", "yes", "no"].includes(httpsMode))
  fail(`HTTPS="${env.HTTPS}": expected 1 (default) or 0 (plain HTTP behind your own TLS proxy)`);
const useHttps = !["0", "false", "off", "no"].includes(httpsMode);
env.HTTPS = useHttps ? "1" : "0";
let isTrustedProxy;
try {
  isTrustedProxy = parseTrustedProxies(env.POSTWRIGHT_TRUSTED_PROXIES);
} catch (e) {
  fail(e.message);
}
const hostCheck = createHostCheck({ listenHost: host, extra: env.POSTWRIGHT_ALLOWED_HOSTS ?? "" });
const dataDir = path.dirname(databaseFileOf(env));

// Headers that only this server may set: a client's own copies are dropped.
const OWN_HEADERS = ["x-postwright-client", "x-postwright-https"];
const PROXY_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded"];
const ACME_CHALLENGE = "/.well-known/acme-challenge/";
// No form of the wizard sends more (a setup file is at most 256 KiB).
const MAX_BODY = 1024 * 1024;

function plain(res, status, text) {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
  });
  res.end(text + "\n");
}

/** The gate every request passes before Next sees it; false when it was answered here. */
function admit(req, res) {
  const client = clientOf(req, isTrustedProxy);
  for (const h of OWN_HEADERS) delete req.headers[h];
  if (!client.viaProxy) for (const h of PROXY_HEADERS) delete req.headers[h];
  req.headers["x-postwright-client"] = client.address;
  req.headers["x-postwright-https"] = client.https ? "1" : "0";
  // The CA validating an HTTP-01 challenge names the domain, not this box.
  if ((req.url ?? "").startsWith(ACME_CHALLENGE)) return true;
  if (!hostName(req.headers.host)) {
    plain(res, 400, "Bad request: the Host header is missing or malformed.");
    return false;
  }
  if (!hostCheck.isAllowed(req.headers.host)) {
    plain(
      res,
      421,
      `Misdirected request: this Postwright answers only to its own names and addresses, not "${String(req.headers.host).slice(0, 100)}".\n` +
        "To reach it under another name, add that name to POSTWRIGHT_ALLOWED_HOSTS and restart it.",
    );
    return false;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    const length = req.headers["content-length"];
    if (length === undefined && req.headers["transfer-encoding"]) {
      plain(res, 411, "Length required: send the request body with a Content-Length.");
      return false;
    }
    if (Number(length) > MAX_BODY) {
      plain(res, 413, "Too large: Postwright takes request bodies up to 1 MiB (a setup file up to 256 KiB).");
      return false;
    }
  }
  return true;
}

/** The whole body (at most MAX_BODY: admit() checked Content-Length), or null when the client went away. */
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(null));
    req.on("close", () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
  });
}

/** The same request, its body read already (Next reads it from here). */
function replay(req, body) {
  const copy = new http.IncomingMessage(req.socket);
  Object.assign(copy, {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    // Whole already: without this, the copy's end would count as an aborted request and close the socket.
    complete: true,
  });
  copy.push(body);
  copy.push(null);
  return copy;
}

async function serveApp(req, res) {
  if (!admit(req, res)) return;
  try {
    // A page POST is a server action (or a form Next takes for one): its body is checked first,
    // since Next answers 500 to one it cannot decode. API routes read and check their own bodies.
    const url = req.url ?? "/";
    if (req.method === "POST" && !url.startsWith("/api/") && !url.startsWith(ACME_CHALLENGE)) {
      // An action this build does not have: answered as Next answers it (its client reloads the page),
      // without Next's warning and stack trace in the log for each one a stranger makes up.
      const action = req.headers["next-action"];
      if (typeof action === "string" && action !== "" && knownActions && !knownActions.has(action)) {
        // (Next's own answer: 400 to what cannot be an action id, 409 to an id of another build.)
        const malformed = action.length !== 42;
        res.writeHead(malformed ? 400 : 409, {
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "no-store",
          "x-nextjs-action-not-found": "1",
        });
        return res.end(malformed ? "Invalid Server Action request." : "Server Action unavailable.");
      }
      const body = await readBody(req);
      if (!body) return;
      const problem = await actionBodyProblem(req.headers, body);
      if (problem) return plain(res, 400, `Bad request: ${problem}.`);
      req = replay(req, body);
    }
    await handle(req, res);
  } catch (e) {
    console.error(e);
    if (!res.headersSent) plain(res, 500, "Internal error.");
    else res.destroy();
  }
}

// A request Node's HTTP parser refused before any handler saw it (an address or headers over 16 KiB,
// malformed syntax). Node's own answer is written and the socket destroyed at once: a client still
// sending its long request then reads a reset, not the answer (and a second parser error on the same
// socket destroyed it before the answer left, over TLS). Here the answer is sent once, and what the
// client still sends is read and dropped until it closes (at most 5 s).
const PARSER_REFUSALS = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "the address or the headers are too long"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "the request took too long to arrive"],
};
const answeredSockets = new WeakSet();
function refuseUnparsable(error, socket) {
  if (answeredSockets.has(socket)) return;
  answeredSockets.add(socket);
  // (a response already under way on this connection cannot be followed by another: Node's own rule)
  if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?._headerSent) return socket.destroy();
  const [status, reason, why] = PARSER_REFUSALS[error.code] ?? [400, "Bad Request", "the request is malformed"];
  const body = `${reason}: ${why}.\n`;
  socket.on("error", () => socket.destroy());
  socket.resume();
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), 5000).unref();
}

/** Plain HTTP when HTTPS is on: the same URL over HTTPS (ACME challenges are answered as they are). */
function redirectToHttps(req, res) {
  if ((req.url ?? "").startsWith(ACME_CHALLENGE)) return serveApp(req, res);
  if (!admit(req, res)) return;
  const target = `https://${req.headers.host}${(req.url ?? "/").startsWith("/") ? req.url : "/"}`;
  res.writeHead(308, { location: target, "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(`This wizard is served over HTTPS: ${target}\n`);
}

const names = () => {
  const extra = (env.POSTWRIGHT_ALLOWED_HOSTS ?? "").split(",").map((h) => hostName(h.trim()));
  const all = [...hostCheck.allowed(), ...extra].filter(Boolean);
  return {
    dns: [...new Set(all.filter((n) => !net.isIP(n)))].sort(byHostFirst),
    ips: [...new Set(all.filter((n) => net.isIP(n)))].sort(),
  };
};
const byHostFirst = (a, b) => (a === os.hostname().toLowerCase() ? -1 : b === os.hostname().toLowerCase() ? 1 : 0);

async function tlsFiles() {
  const certFile = env.POSTWRIGHT_TLS_CERT?.trim();
  const keyFile = env.POSTWRIGHT_TLS_KEY?.trim();
  if (certFile || keyFile) {
    if (!certFile || !keyFile) fail("POSTWRIGHT_TLS_CERT and POSTWRIGHT_TLS_KEY go together (PEM files)");
    try {
      const cert = fs.readFileSync(certFile, "utf8");
      return { cert, key: fs.readFileSync(keyFile, "utf8"), certFile, keyFile, ...describeCertificate(cert) };
    } catch (e) {
      fail(`cannot read the certificate files: ${e.message}`);
    }
  }
  return loadOrCreateCertificate(dataDir, names());
}

// The certificate first: the one-time link printed while Next prepares shows its fingerprint.
let tls = useHttps ? await tlsFiles() : null;
const app = next({ dev: false, dir: root, hostname: host, port, quiet: true });
await app.prepare();
const handle = app.getRequestHandler();
/** This build's server actions (null when its manifest cannot be read: Next then answers every id itself). */
const knownActions = (() => {
  try {
    const file = path.join(root, ".next", "server", "server-reference-manifest.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
  } catch {
    return null;
  }
})();

let server;
if (useHttps) {
  const tlsServer = https.createServer({ key: tls.key, cert: tls.cert, minVersion: "TLSv1.2" }, serveApp);
  const httpServer = http.createServer(redirectToHttps);
  // Now and then: a certificate of one's own that was renewed, or an address the box got since.
  setInterval(async () => {
    try {
      const now = await tlsFiles();
      if (now.cert !== tls.cert) {
        tlsServer.setSecureContext({ key: now.key, cert: now.cert, minVersion: "TLSv1.2" });
        tls = now;
        console.log(`Postwright: new certificate, SHA-256 fingerprint ${tls.fingerprint256}`);
      }
    } catch (e) {
      console.error(`Postwright: the certificate could not be refreshed: ${e.message}`);
    }
  }, 60_000).unref();
  // One port for both: a TLS handshake starts with byte 0x16, anything else is plain HTTP.
  // noDelay: the TLS socket wraps this one, and Nagle's algorithm would hold each small TLS record
  // back until the client's delayed ACK (~40 ms a page: issue 15's TTFB over HTTPS).
  server = net.createServer({ noDelay: true }, (socket) => {
    socket.on("error", () => socket.destroy());
    socket.once("data", (chunk) => {
      socket.pause();
      socket.unshift(chunk);
      (chunk[0] === 0x16 ? tlsServer : httpServer).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  });
  tlsServer.on("tlsClientError", (_e, socket) => socket.destroy());
  tlsServer.on("clientError", refuseUnparsable);
  httpServer.on("clientError", refuseUnparsable);
  console.log(`Postwright: HTTPS certificate SHA-256 fingerprint ${tls.fingerprint256}`);
} else {
  server = http.createServer(serveApp);
  server.on("clientError", refuseUnparsable);
}
server.on("error", (e) => fail(e.code === "EADDRINUSE" ? `port ${port} is already in use` : e.message));
await new Promise((resolve) => server.listen(port, host, resolve));
console.log(
  `Postwright: serving on ${useHttps ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`,
);

process.on("exit", (code) => {
  if (code !== 0) console.error(`Postwright: the server stopped (exit code ${code}).`);
});
for (const sig of ["SIGINT", "SIGTERM"])
  process.once(sig, () => {
    server.close();
    app.close?.().finally?.(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
