// server-only is a build-time guard for Next; tests and the CLI run outside it.
export {};
