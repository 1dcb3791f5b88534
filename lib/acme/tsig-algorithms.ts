/** TSIG algorithms lib/acme can sign RFC 2136 updates with (shared with the browser form). */
export const tsigAlgorithms = ["hmac-sha256", "hmac-sha512", "hmac-sha384", "hmac-sha224", "hmac-sha1"] as const;
export type TsigAlgorithm = (typeof tsigAlgorithms)[number];
