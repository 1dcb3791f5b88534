import { describe, expect, it } from "vitest";
import { addressIn, readHeaderFields, UnreadableMessage } from "./message-headers";

const reason = (input: string | Buffer) => {
  try {
    readHeaderFields(input);
    return "read";
  } catch (e) {
    return e instanceof UnreadableMessage ? e.reason : String(e);
  }
};

describe("message headers", () => {
  it("unfolds headers in order, skips an mbox From line, and stops at the body", () => {
    const f = readHeaderFields(
      "From anna@x Wed May  1\nReceived: from a\n  by b\nFrom: Anna <Anna@Example.test>\n\nReceived: body line\n",
    );
    expect(f).toEqual([
      { key: "received", value: "from a by b" },
      { key: "from", value: "Anna <Anna@Example.test>" },
    ]);
    expect(addressIn(f[1].value)).toBe("anna@example.test");
    expect(addressIn("<>")).toBe("");
  });

  it("refuses what is not a message source", () => {
    expect(reason("")).toBe("empty");
    expect(reason("Hello,\n\nonly the text.\n")).toBe("noHeaders");
    expect(reason("Subject: hi\nTo: a@b\n\nbody")).toBe("noFrom");
    expect(reason(Buffer.from("From: a@b\0\n\n"))).toBe("binary");
    expect(reason("From: a@b.test\n")).toBe("read");
  });
});
