import net from "node:net";
import tls from "node:tls";

export interface SmtpDialogResult {
  /** Every line exchanged, "C: " for the client, "S: " for the server */
  transcript: string;
  /** The last reply code of each step (greeting first) */
  codes: number[];
}

/**
 * A plain SMTP conversation from a chosen source address (hand-written: the
 * tests need SMTPUTF8 and raw message bytes, which swaks does not send).
 * Each step is sent after the previous reply; the dialog stops at the first
 * reply of class 4 or 5 (and says QUIT), or after the last step.
 */
export async function smtpDialog(opts: {
  host: string;
  port: number;
  localAddress?: string;
  helo?: string;
  mailFrom: string;
  rcptTo: string[];
  /** The message (headers and body, CRLF or LF); dot-stuffed and terminated here */
  data?: string | Buffer;
  smtputf8?: boolean;
  starttls?: boolean;
  /**
   * Postfix's XCLIENT: the rest of the session is judged as if it came from this
   * address (the Internet cannot reach this machine; every loopback address
   * counts as local to rspamd). Needs smtpd_authorized_xclient_hosts.
   */
  xclientAddr?: string;
  timeoutMs?: number;
}): Promise<SmtpDialogResult> {
  let socket: net.Socket = net.connect({ host: opts.host, port: opts.port, localAddress: opts.localAddress });
  let transcript = "";
  const codes: number[] = [];
  let buffer = "";
  let waiting: ((reply: string) => void) | null = null;
  const onData = (d: Buffer) => {
    buffer += d.toString("utf8");
    // A reply is complete at a line "NNN text" (no hyphen after the code).
    const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
    if (!m || !waiting) return;
    const reply = buffer;
    buffer = "";
    transcript += reply.replace(/^(?=.)/gm, "S: ");
    const w = waiting;
    waiting = null;
    w(reply);
  };
  const timer = setTimeout(() => socket.destroy(new Error(`SMTP timeout:\n${transcript}`)), opts.timeoutMs ?? 30_000);
  const failed = new Promise<never>((_, reject) => socket.on("error", reject));
  const reply = () =>
    Promise.race([
      new Promise<number>((resolve) => {
        waiting = (r) => {
          const code = Number(/(\d{3}) [^\r\n]*\r\n$/.exec(r)![1]);
          codes.push(code);
          resolve(code);
        };
        if (buffer) onData(Buffer.alloc(0));
      }),
      failed,
    ]);
  const send = (line: string) => {
    transcript += `C: ${line}\r\n`;
    socket.write(`${line}\r\n`);
  };
  socket.on("data", onData);
  try {
    const ok = (code: number) => code < 400;
    if (!ok(await reply())) return { transcript, codes };
    send(`EHLO ${opts.helo ?? "client.friend.test"}`);
    if (!ok(await reply())) return { transcript, codes };
    if (opts.xclientAddr) {
      send(
        `XCLIENT ADDR=${opts.xclientAddr} NAME=${opts.helo ?? "client.friend.test"} HELO=${opts.helo ?? "client.friend.test"}`,
      );
      if (!ok(await reply())) return quit();
      send(`EHLO ${opts.helo ?? "client.friend.test"}`);
      if (!ok(await reply())) return quit();
    }
    if (opts.starttls) {
      send("STARTTLS");
      if (!ok(await reply())) return { transcript, codes };
      socket.off("data", onData);
      socket = tls.connect({ socket, rejectUnauthorized: false });
      socket.on("data", onData);
      socket.on("error", () => undefined);
      send(`EHLO ${opts.helo ?? "client.friend.test"}`);
      if (!ok(await reply())) return { transcript, codes };
    }
    send(`MAIL FROM:<${opts.mailFrom}>${opts.smtputf8 ? " SMTPUTF8" : ""}`);
    if (!ok(await reply())) return quit();
    let accepted = 0;
    for (const r of opts.rcptTo) {
      send(`RCPT TO:<${r}>`);
      if (ok(await reply())) accepted++;
    }
    if (!accepted || opts.data === undefined) return quit();
    send("DATA");
    if (!ok(await reply())) return quit();
    const body = Buffer.isBuffer(opts.data) ? opts.data.toString("utf8") : opts.data;
    const stuffed = body.replace(/\r?\n/g, "\r\n").replace(/\r\n$/, "").replace(/^\./gm, "..");
    transcript += "C: <message>\r\n";
    socket.write(`${stuffed}\r\n.\r\n`);
    await reply();
    return quit();
  } finally {
    clearTimeout(timer);
  }

  async function quit(): Promise<SmtpDialogResult> {
    send("QUIT");
    await reply().catch(() => undefined);
    socket.destroy();
    return { transcript, codes };
  }
}
