import "server-only";
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { HostPort } from "@/lib/net/host-port";

export interface SendTestInput {
  /** The mail host's name: what the certificate must carry (SNI and verification). */
  hostname: string;
  /** Where to connect: the setup's own address, or what POSTWRIGHT_CONNECT maps it to. */
  connect: HostPort;
  /** A mailbox of the setup, also the login. */
  from: string;
  /** Typed on the spot; never stored, never logged. */
  password: string;
  to: string;
  /** Extra CAs to trust (a test CA); the system's otherwise. */
  tlsCa?: string[];
  timeoutMs?: number;
}

export type SendTestResult =
  | { ok: true; response: string; messageId: string }
  | { ok: false; reason: "auth" | "tls" | "connect" | "rejected" | "other"; detail: string };

/** Submits a short message on the server's submission port (587, STARTTLS required), as a mail client would. */
export async function sendTestMessage(i: SendTestInput): Promise<SendTestResult> {
  const transport = nodemailer.createTransport({
    host: i.connect.host,
    port: i.connect.port,
    secure: false,
    requireTLS: true,
    auth: { user: i.from, pass: i.password },
    tls: { servername: i.hostname, ...(i.tlsCa?.length ? { ca: i.tlsCa } : {}) },
    name: "postwright.invalid",
    connectionTimeout: i.timeoutMs ?? 15_000,
    greetingTimeout: i.timeoutMs ?? 15_000,
    socketTimeout: i.timeoutMs ?? 15_000,
    logger: false,
  });
  const messageId = `<${randomUUID()}@${i.from.slice(i.from.lastIndexOf("@") + 1)}>`;
  try {
    const info = await transport.sendMail({
      from: i.from,
      to: i.to,
      subject: "Test message from my new mail server",
      messageId,
      text: [
        "Hello,",
        "",
        `this message was sent by ${i.from} through ${i.hostname} to check that mail from this server is accepted.`,
        "",
        "Open it in your mailbox, show its source (Gmail: “Show original”; Outlook: “View message source”),",
        "and paste the whole source into Postwright's Status page, or run: postwright headers message.eml",
        "",
      ].join("\n"),
    });
    return { ok: true, response: String(info.response ?? ""), messageId };
  } catch (e) {
    const err = e as Error & { code?: string; responseCode?: number; response?: string };
    const detail = err.response ?? err.message;
    if (err.code === "EAUTH") return { ok: false, reason: "auth", detail };
    if (err.code === "ETLS" || /certificate|self[- ]signed|altnames|TLS/i.test(err.message))
      return { ok: false, reason: "tls", detail };
    if (["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS"].includes(err.code ?? ""))
      return { ok: false, reason: "connect", detail };
    if (err.code === "EENVELOPE" || err.code === "EMESSAGE" || (err.responseCode ?? 0) >= 500)
      return { ok: false, reason: "rejected", detail };
    return { ok: false, reason: "other", detail };
  } finally {
    transport.close();
  }
}
