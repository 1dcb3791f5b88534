import { describe, expect, it } from "vitest";
import { chunkTxt, quoteTxt, quotedChunks } from "./txt-chunks";

describe("TXT chunks", () => {
  it("splits at 255 bytes and joins back to the value", () => {
    const v = "v=DKIM1; k=rsa; p=" + "A".repeat(600);
    const chunks = chunkTxt(v);
    expect(chunks.map((c) => c.length)).toEqual([255, 255, 108]);
    expect(chunks.join("")).toBe(v);
    expect(chunkTxt("")).toEqual([""]);
    expect(chunkTxt("x".repeat(255))).toHaveLength(1);
  });
  it("never cuts a UTF-8 sequence", () => {
    const chunks = chunkTxt("é".repeat(200));
    expect(chunks.every((c) => Buffer.byteLength(c) <= 255)).toBe(true);
    expect(chunks[0]).toHaveLength(127);
    expect(chunks.join("")).toBe("é".repeat(200));
  });
  it("quotes with escapes", () => {
    expect(quoteTxt('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteTxt("é")).toBe('"\\195\\169"');
    expect(quotedChunks("a".repeat(300))).toBe(`"${"a".repeat(255)}" "${"a".repeat(45)}"`);
  });
});
