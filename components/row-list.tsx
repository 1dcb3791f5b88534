"use client";
import { useState, type ReactNode } from "react";

/** Rows the user can add and remove; each row's inputs are named `<name>.<index>.<field>`. */
export function RowList<T extends Record<string, string | undefined>>({
  name,
  initial,
  blank,
  render,
  addLabel,
  removeLabel,
}: {
  name: string;
  initial: T[];
  blank: T;
  render: (row: T, index: number) => ReactNode;
  addLabel: string;
  removeLabel: string;
}) {
  const [rows, setRows] = useState(() => initial.map((row, i) => ({ key: i, row })));
  const [next, setNext] = useState(initial.length);
  return (
    <div className="space-y-3">
      <ul className="space-y-3">
        {rows.map(({ key, row }, i) => (
          <li
            key={key}
            className="flex flex-col gap-3 rounded-md border border-slate-200 p-3 sm:flex-row sm:items-start"
            data-row={name}
          >
            {render(row, i)}
            <button
              type="button"
              className="btn-secondary sm:mt-6"
              onClick={() => setRows((r) => r.filter((x) => x.key !== key))}
            >
              {removeLabel}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn-secondary"
        onClick={() => {
          setRows((r) => [...r, { key: next, row: blank }]);
          setNext((n) => n + 1);
        }}
      >
        + {addLabel}
      </button>
    </div>
  );
}
