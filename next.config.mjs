// JavaScript, not TypeScript: `npm start` loads it as it is, without compiling it first.
import { PHASE_PRODUCTION_SERVER } from "next/constants.js";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked once, by `tsc --noEmit` over the whole project (`npm run typecheck`, and `npm test`
  // before it builds): next build's own pass repeated that check (9 s of a 29 s clean build, issue 15).
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // The server (scripts/serve.mjs) refuses bodies over 1 MiB first, with a plain message; a received
    // message pasted or uploaded on the Status page (the header reader) can carry attachments.
    // (Two `experimental` keys stood here, 2mb then 10mb: the later one was the one in force.)
    serverActions: { bodySizeLimit: "10mb" },
    // Each route's code loads when the route is first asked for, not every route at start:
    // the server then holds what its pages need (issue 15: 183 server chunks after one /login).
    preloadEntriesOnStart: false,
  },
  // Native modules, and the heavy libraries only some routes use (ACME: acme-client with X.509 and
  // forge; mail: mailauth with joi and the charset tables, nodemailer): required from node_modules
  // when first used, once for all routes, instead of compiled into each one's chunks. Import their
  // files by full name ("mailauth/lib/spf/index.js"): Node resolves no folder path for them.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "acme-client", "mailauth", "nodemailer"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

/**
 * next-intl's plugin only tells the compiler where i18n/request.ts is (an alias resolved at build time):
 * the server started on a build (`next start`, scripts/serve.mjs) has no use for it, and importing it
 * kept its message extractor, a file watcher (@parcel/watcher, native) and picomatch resident in the
 * server (about 9 MiB of RSS, issue 15). Loaded for builds and `next dev` only.
 */
export default async function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  const { default: createNextIntlPlugin } = await import("next-intl/plugin");
  return createNextIntlPlugin("./i18n/request.ts")(nextConfig);
}
