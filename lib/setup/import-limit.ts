/** The largest Setup JSON file an import takes (the form checks it before sending, the server again). */
export const MAX_IMPORT_BYTES = 256 * 1024;
