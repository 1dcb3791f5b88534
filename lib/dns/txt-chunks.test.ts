import { describe, expect, it } from "vitest";
import { chunkTxt, quoteTxt, quotedChunks, utf8Length } from "./txt-chunks";

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
  it("counts UTF-8 bytes as Node does, astral characters and lone surrogates included", () => {
    for (const v of ["", "abc", "é", "€", "😀", "a😀é€", "\ud800", "x\udfffy"])
      expect(utf8Length(v), JSON.stringify(v)).toBe(Buffer.byteLength(v));
    const astral = "😀".repeat(70); // 4 bytes each: 63 fit in 255
    expect(chunkTxt(astral).map((c) => Buffer.byteLength(c))).toEqual([252, 28]);
  });
});
