import tls from "node:tls";

/**
 * A minimal IMAPS exchange (hand-written: a test needs LOGIN, SELECT and one
 * FETCH, not a client library). Sends each command after the previous tagged
 * reply and returns the whole transcript, or throws on a NO/BAD.
 */
export async function imapsFetchAll(opts: {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The folder to read; INBOX unless given (e.g. "Junk") */
  mailbox?: string;
  timeoutMs?: number;
}): Promise<string> {
  const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const commands = [
    `LOGIN ${quote(opts.user)} ${quote(opts.password)}`,
    `SELECT ${quote(opts.mailbox ?? "INBOX")}`,
    "FETCH 1:* (BODY.PEEK[])",
    "LOGOUT",
  ];
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: opts.host, port: opts.port, rejectUnauthorized: false, servername: undefined });
    let transcript = "";
    let step = -1;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`IMAP timeout:\n${transcript}`));
    }, opts.timeoutMs ?? 10_000);
    const next = () => {
      step++;
      if (step < commands.length) socket.write(`a${step} ${commands[step]}\r\n`);
    };
    socket.on("data", (d) => {
      transcript += d.toString("utf8");
      if (step === -1 && /^\* OK/m.test(transcript)) return next();
      const tagged = new RegExp(`^a${step} (OK|NO|BAD)`, "m").exec(transcript);
      if (!tagged) return;
      if (tagged[1] !== "OK") {
        clearTimeout(timer);
        socket.destroy();
        return reject(new Error(`IMAP ${commands[step].split(" ")[0]} refused:\n${transcript}`));
      }
      if (step === commands.length - 1) {
        clearTimeout(timer);
        socket.end();
        return resolve(transcript);
      }
      next();
    });
    socket.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * A minimal POP3S exchange (hand-written, like the IMAP one): USER, PASS, LIST,
 * RETR of every message, QUIT. Returns the transcript, or throws on -ERR.
 */
export async function pop3sRetrieveAll(opts: {
  host: string;
  port: number;
  user: string;
  password: string;
  timeoutMs?: number;
}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: opts.host, port: opts.port, rejectUnauthorized: false });
    let transcript = "";
    let buffer = "";
    const queue = [`USER ${opts.user}`, `PASS ${opts.password}`, "LIST"];
    let sent = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`POP3 timeout:\n${transcript}`));
    }, opts.timeoutMs ?? 10_000);
    const send = (c: string) => {
      sent = c;
      socket.write(`${c}\r\n`);
    };
    socket.on("data", (d) => {
      buffer += d.toString("utf8");
      const multiline = sent === "LIST" || sent.startsWith("RETR");
      const complete = buffer.startsWith("-ERR") || (multiline ? /\r\n\.\r\n$/.test(buffer) : buffer.endsWith("\r\n"));
      if (!complete) return;
      transcript += buffer;
      const reply = buffer;
      buffer = "";
      if (reply.startsWith("-ERR")) {
        clearTimeout(timer);
        socket.destroy();
        return reject(new Error(`POP3 ${sent.split(" ")[0]} refused:\n${transcript}`));
      }
      if (sent === "LIST") for (const m of reply.matchAll(/^(\d+) \d+$/gm)) queue.push(`RETR ${m[1]}`);
      const next = queue.shift();
      if (next) return send(next);
      if (sent !== "QUIT") return send("QUIT");
      clearTimeout(timer);
      socket.end();
      resolve(transcript);
    });
    socket.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
