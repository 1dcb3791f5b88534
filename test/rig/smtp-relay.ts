import { SMTPServer } from "smtp-server";
import { ensureLoopbackAddress } from "./ports";

export interface RelayedMessage {
  user: string | undefined;
  secure: boolean;
  from: string;
  to: string[];
  data: string;
}

/**
 * A smarthost on loopback that requires AUTH (PLAIN/LOGIN) with one set of
 * credentials, and TLS before it: STARTTLS on a plain port, implicit TLS when
 * `implicitTls`. Records what it accepts.
 */
export async function startSmtpRelay(opts: {
  address: string;
  port: number;
  implicitTls: boolean;
  username: string;
  password: string;
  tls: { cert: string; key: string };
}) {
  ensureLoopbackAddress(opts.address);
  const received: RelayedMessage[] = [];
  const authAttempts: { username: string; ok: boolean }[] = [];
  const server = new SMTPServer({
    secure: opts.implicitTls,
    key: opts.tls.key,
    cert: opts.tls.cert,
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: false,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      const ok = auth.username === opts.username && auth.password === opts.password;
      authAttempts.push({ username: auth.username ?? "", ok });
      if (!ok) return cb(new Error("Invalid username or password"));
      cb(null, { user: auth.username });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          user: session.user as string | undefined,
          secure: session.secure,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.address, () => resolve());
  });
  return {
    received,
    authAttempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
