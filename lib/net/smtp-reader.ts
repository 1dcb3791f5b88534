import "server-only";
import type net from "node:net";

/** Reads CRLF lines and SMTP replies (multi-line "250-…" up to "250 …") from a socket. */
export class SmtpReader {
  private buf = "";
  private waiting: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly onData = (d: Buffer) => {
    this.buf += d.toString("latin1");
    if (this.buf.length > 65_536) this.fail(new Error("reply too long"));
    this.wake();
  };

  constructor(
    private readonly socket: net.Socket,
    private readonly signal: AbortSignal,
  ) {
    socket.on("data", this.onData);
    socket.once("error", (e) => this.fail(e));
    socket.once("close", () => this.fail(new Error("connection closed")));
    signal.addEventListener("abort", () => this.fail(new Error("no reply before the deadline")), { once: true });
  }

  private fail(e: Error) {
    this.failure ??= e;
    this.wake();
  }

  private wake() {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  async line(): Promise<string> {
    for (;;) {
      const i = this.buf.indexOf("\n");
      if (i >= 0) {
        const l = this.buf.slice(0, i).replace(/\r$/, "");
        this.buf = this.buf.slice(i + 1);
        return l;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((r) => (this.waiting = r));
    }
  }

  /** One SMTP reply: its code and the text of each line. */
  async reply(): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    for (;;) {
      const l = await this.line();
      lines.push(l.slice(4));
      if (!/^\d{3}-/.test(l)) return { code: Number(l.slice(0, 3)), lines };
    }
  }

  /** Stops reading (before handing the socket to TLS). */
  detach() {
    this.socket.off("data", this.onData);
  }
}
