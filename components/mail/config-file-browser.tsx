"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { LoadingStatus } from "@/components/loading-status";
import type { FileSyntax } from "@/lib/mailconf/mail-files";
import { highlightConfig, type TokenKind } from "@/lib/mailconf/highlight-config";

export interface BrowsedFile {
  path: string;
  mode: string;
  owner: string;
  group: string;
  syntax: FileSyntax;
  /** A private key: its text is never sent to the browser */
  privateKey: boolean;
}

/** A file's text as fetched when it is first opened. */
type Loaded = { state: "loading" } | { state: "ok"; text: string } | { state: "error"; status: number };

const COLORS: Record<TokenKind, string> = {
  comment: "text-slate-500 italic",
  key: "text-sky-800 font-semibold",
  operator: "text-slate-500",
  value: "text-emerald-800",
  variable: "text-fuchsia-700",
  section: "text-amber-800 font-semibold",
  plain: "",
};

/**
 * The rendered files as a tree (grouped by folder) and the selected file's highlighted text.
 * The page sends only the list; a file's text is asked for (app/api/setups/[id]/mail-files)
 * when the file is first opened, and kept for the rest of the visit.
 */
export function ConfigFileBrowser({ setupId, files }: { setupId: string; files: BrowsedFile[] }) {
  const t = useTranslations("mail");
  const [selected, setSelected] = useState(files[0]?.path ?? "");
  const [texts, setTexts] = useState<Record<string, Loaded>>({});
  const current = files.find((f) => f.path === selected) ?? files[0];
  const folders = [...new Set(files.map((f) => f.path.slice(0, f.path.lastIndexOf("/"))))];

  // Each file is asked for once (a failed one again only when the user says so); its answer is kept.
  const requested = useRef(new Set<string>());
  const load = useCallback(
    (path: string) => {
      requested.current.add(path);
      setTexts((all) => ({ ...all, [path]: { state: "loading" } }));
      fetch(`/api/setups/${encodeURIComponent(setupId)}/mail-files?path=${encodeURIComponent(path)}`)
        .then(async (res): Promise<Loaded> =>
          res.ok ? { state: "ok", text: await res.text() } : { state: "error", status: res.status },
        )
        .catch((): Loaded => ({ state: "error", status: 0 }))
        .then((loaded) => setTexts((all) => ({ ...all, [path]: loaded })));
    },
    [setupId],
  );

  const currentPath = current && !current.privateKey ? current.path : null;
  useEffect(() => {
    if (currentPath !== null && !requested.current.has(currentPath)) load(currentPath);
  }, [currentPath, load]);

  const loaded = currentPath === null ? undefined : texts[currentPath];
  return (
    <div className="grid gap-4 md:grid-cols-[minmax(12rem,18rem)_1fr]">
      <nav aria-label={t("filesLabel")} className="card overflow-x-auto p-3">
        <ul className="space-y-3 text-sm">
          {folders.map((folder) => (
            <li key={folder}>
              <span className="font-mono text-xs text-slate-500">{folder}/</span>
              <ul className="mt-1 space-y-1">
                {files
                  .filter((f) => f.path.slice(0, f.path.lastIndexOf("/")) === folder)
                  .map((f) => (
                    <li key={f.path}>
                      <button
                        type="button"
                        onClick={() => setSelected(f.path)}
                        aria-current={f.path === current?.path ? "true" : undefined}
                        className={`w-full rounded px-2 py-1 text-left font-mono text-xs ${f.path === current?.path ? "bg-sky-100 text-sky-900" : "hover:bg-slate-100"}`}
                      >
                        {f.path.slice(f.path.lastIndexOf("/") + 1)}
                        {f.privateKey && <span className="ml-1 text-amber-700">🔒</span>}
                      </button>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      {current && (
        <figure className="card min-w-0 p-0">
          <figcaption className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-2">
            <span className="font-mono text-sm break-all">{current.path}</span>
            <span className="text-xs text-slate-600">
              {t("fileMeta", { mode: current.mode, owner: current.owner, group: current.group })}
            </span>
          </figcaption>
          {current.privateKey ? (
            <p className="px-4 py-6 text-sm text-slate-700">{t("privateKeyHidden")}</p>
          ) : loaded?.state === "ok" ? (
            <pre
              className="max-h-[32rem] overflow-auto px-4 py-3 text-xs leading-5"
              tabIndex={0}
              aria-label={t("fileContents", { path: current.path })}
            >
              <code>
                {highlightConfig(loaded.text, current.syntax).map((line, i) => (
                  <span key={i} className="block whitespace-pre">
                    {line.map((tok, j) => (
                      <span key={j} className={COLORS[tok.kind]}>
                        {tok.text}
                      </span>
                    ))}
                    {line.length === 0 && "\u200b"}
                  </span>
                ))}
              </code>
            </pre>
          ) : loaded?.state === "error" ? (
            <div role="alert" className="space-y-3 px-4 py-6 text-sm text-red-800">
              <p>{t(loaded.status === 401 ? "fileSignedOut" : "fileLoadFailed", { path: current.path })}</p>
              {loaded.status === 401 ? (
                <a className="btn" href="/login">
                  {t("fileSignIn")}
                </a>
              ) : (
                <button type="button" className="btn" onClick={() => load(current.path)}>
                  {t("fileRetry")}
                </button>
              )}
            </div>
          ) : (
            <div className="p-4">
              <LoadingStatus label={t("fileLoading", { path: current.path })} />
            </div>
          )}
        </figure>
      )}
    </div>
  );
}
