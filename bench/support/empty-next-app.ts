// The yardstick: an empty Next app of the very version Postwright uses (a
// heading and one client button, plus a dynamic twin of that page), written to
// a temp folder that borrows this repository's node_modules.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const FILES: Record<string, string> = {
  "package.json": JSON.stringify(
    { name: "empty-next", private: true, scripts: { start: "next start -H 127.0.0.1", build: "next build" } },
    null,
    2,
  ),
  // The temp folder is outside the repository: Turbopack must be allowed to read the borrowed node_modules.
  "next.config.mjs": `export default { turbopack: { root: "/" } };\n`,
  "tsconfig.json": JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        lib: ["dom", "dom.iterable", "esnext"],
        allowJs: true,
        skipLibCheck: true,
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        module: "esnext",
        moduleResolution: "bundler",
        resolveJsonModule: true,
        isolatedModules: true,
        jsx: "react-jsx",
        incremental: true,
        plugins: [{ name: "next" }],
      },
      include: ["next-env.d.ts", "**/*.ts", "**/*.tsx", ".next/types/**/*.ts"],
      exclude: ["node_modules"],
    },
    null,
    2,
  ),
  "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/counter.tsx": `"use client";
import { useState } from "react";

export function Counter() {
  const [n, setN] = useState(0);
  return <button onClick={() => setN(n + 1)}>Clicked {n} times</button>;
}
`,
  "app/page.tsx": `import { Counter } from "./counter";

export default function Page() {
  return (
    <main>
      <h1>Hello</h1>
      <Counter />
    </main>
  );
}
`,
  // Rendered on every request, as every wizard page is.
  "app/dynamic/page.tsx": `import { connection } from "next/server";
import { Counter } from "../counter";

export default async function Page() {
  await connection();
  return (
    <main>
      <h1>Hello at {new Date().toISOString()}</h1>
      <Counter />
    </main>
  );
}
`,
};

export interface EmptyApp {
  dir: string;
  remove(): void;
}

export function writeEmptyNextApp(repoRoot: string): EmptyApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-bench-empty-next-"));
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
