/** A mistake in how the command was called or in its input: message on stderr, exit 2. */
export class UsageError extends Error {}
