export const SESSION_COOKIE = "pw_session";
