import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestCertificate {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** A throwaway CA and a leaf certificate for `names` (openssl), for TLS servers a test starts. */
export function makeTestCertificate(names: string[]): TestCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-cert-"));
  const f = (n: string) => path.join(dir, n);
  const run = (args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  try {
    run([
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      f("ca.key"),
      "-out",
      f("ca.pem"),
      "-days",
      "2",
      "-subj",
      "/CN=Postwright test CA",
    ]);
    run([
      "req",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      f("leaf.key"),
      "-out",
      f("leaf.csr"),
      "-subj",
      `/CN=${names[0]}`,
    ]);
    fs.writeFileSync(
      f("ext.cnf"),
      `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
    );
    run([
      "x509",
      "-req",
      "-in",
      f("leaf.csr"),
      "-CA",
      f("ca.pem"),
      "-CAkey",
      f("ca.key"),
      "-CAcreateserial",
      "-out",
      f("leaf.pem"),
      "-days",
      "2",
      "-extfile",
      f("ext.cnf"),
    ]);
    return {
      caPem: fs.readFileSync(f("ca.pem"), "utf8"),
      certPem: fs.readFileSync(f("leaf.pem"), "utf8"),
      keyPem: fs.readFileSync(f("leaf.key"), "utf8"),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
