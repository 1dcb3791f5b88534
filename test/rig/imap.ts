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
  timeoutMs?: number;
}): Promise<string> {
  const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
  const commands = [
    `LOGIN ${quote(opts.user)} ${quote(opts.password)}`,
    "SELECT INBOX",
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
