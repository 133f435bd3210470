// The session cookie. `__Host-` + Secure on https; plain name on http://*.localhost during local
// development (browsers refuse Secure cookies set over plain http on non-localhost names, and
// `__Host-` requires Secure). Host-only (no Domain): a cookie of acme.* is never sent to globex.*.
export const SESSION_COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60;

export function sessionCookieName(url: URL): string {
  return url.protocol === 'https:' ? '__Host-ontrackio_session' : 'ontrackio_session';
}

export interface CookieSpec {
  name: string;
  value: string;
  options: {
    path: '/';
    httpOnly: true;
    secure: boolean;
    sameSite: 'lax';
    maxAge?: number;
  };
}

/** Persistent ("Keep me signed in") cookies outlive the browser; the server still ends idle sessions. */
export function sessionCookie(url: URL, token: string, persistent: boolean): CookieSpec {
  return {
    name: sessionCookieName(url),
    value: token,
    options: {
      path: '/',
      httpOnly: true,
      secure: url.protocol === 'https:',
      sameSite: 'lax',
      ...(persistent ? { maxAge: SESSION_COOKIE_MAX_AGE_S } : {})
    }
  };
}

export function clearedSessionCookie(url: URL): CookieSpec {
  return {
    name: sessionCookieName(url),
    value: '',
    options: { path: '/', httpOnly: true, secure: url.protocol === 'https:', sameSite: 'lax', maxAge: 0 }
  };
}
