import { describe, expect, it } from "vitest";
import { decodeDnsblAnswer } from "./dnsbl-lookup";

describe("decodeDnsblAnswer", () => {
  it("never reads Spamhaus error codes as a listing", () => {
    expect(decodeDnsblAnswer(["127.255.255.254"])).toMatchObject({ kind: "error", reason: "public-resolver" });
    expect(decodeDnsblAnswer(["127.255.255.255"])).toMatchObject({ kind: "error", reason: "rate-limited" });
    expect(decodeDnsblAnswer(["127.255.255.252"])).toMatchObject({ kind: "error", reason: "bad-query" });
    expect(decodeDnsblAnswer(["127.0.0.2", "127.255.255.254"])).toMatchObject({ kind: "error" });
  });
  it("treats an answer outside 127/8 as a resolver rewriting NXDOMAIN", () => {
    expect(decodeDnsblAnswer(["198.51.100.7"])).toMatchObject({ kind: "error", reason: "unexpected" });
  });
  it("separates PBL from listings", () => {
    expect(decodeDnsblAnswer([])).toEqual({ kind: "clean" });
    expect(decodeDnsblAnswer(["127.0.0.10"])).toEqual({ kind: "pbl", codes: ["127.0.0.10"] });
    expect(decodeDnsblAnswer(["127.0.0.11", "127.0.0.4"])).toEqual({
      kind: "listed",
      codes: ["127.0.0.11", "127.0.0.4"],
    });
    expect(decodeDnsblAnswer(["127.0.0.2"])).toEqual({ kind: "listed", codes: ["127.0.0.2"] });
  });
});
