import net from "node:net";
import tls from "node:tls";
import { ensureLoopbackAddress } from "./ports";

export interface FakeMailServerOptions {
  address: string;
  certPem: string;
  keyPem: string;
  /** Offer AUTH on plain text, before STARTTLS (the mistake smtp-tls must catch). */
  authBeforeTls?: boolean;
  startTls?: boolean;
}

/** A tiny SMTP (25, 587 with STARTTLS; 465 TLS) and IMAP (993 TLS) greeter on random ports. */
export async function startFakeMailServer(
  opts: FakeMailServerOptions,
): Promise<{ ports: Record<25 | 587 | 465 | 993, number>; stop(): Promise<void> }> {
  ensureLoopbackAddress(opts.address);
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("error", () => {});
    s.once("close", () => sockets.delete(s));
  };
  const secure = { key: opts.keyPem, cert: opts.certPem };
  const smtpSession = (s: net.Socket, encrypted: boolean) => {
    let buf = "";
    const onData = (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf("\r\n")) >= 0) {
        const cmd = buf.slice(0, i).toUpperCase();
        buf = buf.slice(i + 2);
        if (cmd.startsWith("EHLO")) {
          const caps = ["fake.test", "PIPELINING"];
          if (!encrypted && opts.startTls !== false) caps.push("STARTTLS");
          if (encrypted || opts.authBeforeTls) caps.push("AUTH PLAIN LOGIN");
          s.write(caps.map((c, k) => `250${k === caps.length - 1 ? " " : "-"}${c}\r\n`).join(""));
        } else if (cmd === "STARTTLS" && !encrypted) {
          s.off("data", onData);
          s.write("220 go ahead\r\n", () => {
            const t = new tls.TLSSocket(s, { isServer: true, ...secure });
            track(t);
            smtpSession(t, true);
          });
          return;
        } else if (cmd === "QUIT") s.end("221 bye\r\n");
        else s.write("502 no\r\n");
      }
    };
    s.on("data", onData);
  };
  const servers = [
    net.createServer((s) => (track(s), s.write("220 fake.test ESMTP\r\n"), smtpSession(s, false))),
    net.createServer((s) => (track(s), s.write("220 fake.test ESMTP\r\n"), smtpSession(s, false))),
    tls.createServer(secure, (s) => (track(s), s.write("220 fake.test ESMTP\r\n"), smtpSession(s, true))),
    tls.createServer(secure, (s) => (track(s), s.end("* OK IMAP ready\r\n"))),
  ];
  const ports = await Promise.all(
    servers.map(
      (srv) =>
        new Promise<number>((r) => srv.listen(0, opts.address, () => r((srv.address() as net.AddressInfo).port))),
    ),
  );
  return {
    ports: { 25: ports[0], 587: ports[1], 465: ports[2], 993: ports[3] },
    async stop() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((srv) => new Promise((r) => srv.close(r))));
    },
  };
}
