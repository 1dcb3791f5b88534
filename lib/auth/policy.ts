export const MIN_ADMIN_PASSWORD = 12;
/** scrypt keeps every character; the limit only bounds the work a request can ask for. */
export const MAX_ADMIN_PASSWORD = 1024;
