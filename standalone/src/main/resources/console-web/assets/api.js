// The console's JSON API as the pages use it: the session cookie travels by itself (same origin),
// every state change carries the CSRF token of the session, and a 401 anywhere sends the person to
// the login page with the way back.

let csrfToken = null;

/** A problem answer of the API: {status, code, detail}. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.detail = detail || `The server answered ${status}.`;
  }
}

export function loginUrl() {
  const here = location.pathname + location.search;
  return "/login?next=" + encodeURIComponent(here);
}

async function problemOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page, an empty body): the status says enough.
  }
  const detail = body && (body.detail || body.title || body.message);
  return new ApiError(response.status, body && body.code, detail);
}

/**
 * Fetches `path` and returns its JSON (null for 204). Throws ApiError for 4xx/5xx; on 401 the page
 * goes to the login first (the returned promise then never settles).
 */
export async function api(path, { method = "GET", body, signal, redirectOn401 = true } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (method !== "GET" && method !== "HEAD" && csrfToken) {
    headers["X-CSRF-Token"] = csrfToken;
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    signal,
  });
  if (response.status === 401 && redirectOn401) {
    location.assign(loginUrl());
    return new Promise(() => {});
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get("Content-Type") || "";
  return type.includes("json") ? response.json() : response.text();
}

/** The signed-in person ({user, role, csrf_token}); goes to the login page when there is none. */
export async function session() {
  const s = await api("/api/session");
  csrfToken = s.csrf_token;
  return s;
}

/** Signs in; returns the session or throws ApiError (401 wrong credentials, 429 too many). */
export async function login(user, password) {
  const response = await fetch("/login", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ user, password }),
    credentials: "same-origin",
  });
  if (!response.ok) {
    const error = await problemOf(response);
    error.retryAfter = response.headers.get("Retry-After");
    throw error;
  }
  const s = await response.json();
  csrfToken = s.csrf_token;
  return s;
}

export async function logout() {
  await fetch("/logout", {
    method: "POST",
    headers: { "X-CSRF-Token": csrfToken || "" },
    credentials: "same-origin",
  });
  location.assign("/login");
}

/** Where a login goes back to: a path of this site only (never another origin). */
export function safeNext(next) {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return "/";
  }
  return next;
}
