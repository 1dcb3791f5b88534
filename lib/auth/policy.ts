export const MIN_ADMIN_PASSWORD = 12;
