import type http from "node:http";
import https from "node:https";
import tls from "node:tls";

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * One HTTPS request on a fresh connection, from a chosen address of this machine
 * (another machine on the LAN), trusting only the run's CA (NODE_EXTRA_CA_CERTS).
 */
export function lanRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: init.method ?? "GET",
        headers: init.headers,
        agent: false,
        localAddress: init.from,
        // The certificate is checked against the address dialled, whatever Host header the request carries.
        servername: "",
        checkServerIdentity: (_host, cert) => tls.checkServerIdentity(new URL(url).hostname, cert),
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
