// The editor's sign-in service (docs-dev/sign-in.md): GitHub's OAuth exchange for Decap CMS, as a
// Cloudflare-Workers-style module (fetch, URL, crypto.subtle; no dependencies). It holds the OAuth
// app's client secret, so the browser never sees it, and hands the writer's token only to the site.
//
// Settings (environment): GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (secrets), ALLOWED_ORIGIN (the
// site's own address, such as https://news.example.gov.uk) and OAUTH_SCOPE (public_repo or repo).
//
// GET /auth      Decap opens it in a window: a fresh random state goes into a cookie, then on to GitHub.
// GET /callback  GitHub sends the writer back here: the state must match the cookie; the code is
//                exchanged for a token, and a page hands the token to the editor with Decap's protocol:
//                it posts "authorizing:github" to the window that opened it, waits for the editor to
//                answer from ALLOWED_ORIGIN, then posts "authorization:github:success:{json}" to that
//                origin only (decap-cms-lib-auth's netlify-auth.js is the other side).

export const GITHUB_AUTHORIZE = "https://github.com/login/oauth/authorize";
export const GITHUB_TOKEN = "https://github.com/login/oauth/access_token";
export const SCOPES = ["public_repo", "repo"]; // public repository: public_repo; private: repo
export const STATE_COOKIE = "__Host-newsdesk-sign-in";
const STATE_MAX_AGE = 600; // seconds a writer has to finish on GitHub's page
const COOKIE_RULES = "Path=/; Secure; HttpOnly; SameSite=Lax"; // Lax: see start()
const PROVIDER = "github";

// The page's only script. Its data (origin and message) sits in a JSON block beside it, so the script
// never changes and the page's Content-Security-Policy allows exactly this script by its hash.
export const PAGE_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById("nd-sign-in").textContent);
  var opener = window.opener;
  if (!opener || !data.message) return;
  var wait = setTimeout(function () {
    document.getElementById("nd-status").textContent = "The editor did not answer. Close this window and " +
      "try again. If it happens again, tell IT: the sign-in service's ALLOWED_ORIGIN is " + data.origin +
      ", and it must be the address of the site the editor is on.";
  }, 10000);
  window.addEventListener("message", function answer(event) {
    if (event.source !== opener || event.origin !== data.origin || event.data !== "authorizing:github") return;
    window.removeEventListener("message", answer);
    clearTimeout(wait);
    opener.postMessage(data.message, data.origin);
  });
  opener.postMessage("authorizing:github", data.origin);
})();`;

class SignInError extends Error {
  constructor(status, title, text, { tell = true } = {}) {
    super(text);
    this.status = status;
    this.title = title;
    this.tell = tell; // false when the page must not talk to the editor (the settings are wrong)
  }
}

export default {
  async fetch(request, env = {}) {
    try {
      return await handle(request, env);
    } catch (error) {
      if (error instanceof SignInError) {
        return page(error.status, error.title, error.message, error.tell ? env.ALLOWED_ORIGIN : null, {
          error: error.message,
        });
      }
      console.error("sign-in: unexpected error", error && error.stack ? error.stack : String(error));
      return page(500, "Sign-in failed", "Something went wrong. Close this window and try again.", null, {});
    }
  },
};

async function handle(request, env) {
  const url = new URL(request.url);
  if (url.pathname !== "/auth" && url.pathname !== "/callback") {
    throw new SignInError(404, "Not found", "This address is the editor's sign-in service. Open the editor instead.", {
      tell: false,
    });
  }
  if (request.method !== "GET") {
    throw new SignInError(405, "Not allowed", "The sign-in service answers only GET requests.", { tell: false });
  }
  const settings = readSettings(env);
  return url.pathname === "/auth" ? start(url, settings) : finish(request, url, settings);
}

/** The settings, checked: a missing or wrong one stops every sign-in with a page that names it. */
export function readSettings(env) {
  const missing = ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "ALLOWED_ORIGIN", "OAUTH_SCOPE"].filter(
    (name) => !env[name],
  );
  if (missing.length) {
    throw setupError(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set.`);
  }
  if (!isOrigin(env.ALLOWED_ORIGIN)) {
    throw setupError(
      "ALLOWED_ORIGIN must be the site's own address alone, such as https://news.example.gov.uk " +
        "(https, no path, no slash at the end, never *).",
    );
  }
  if (!SCOPES.includes(env.OAUTH_SCOPE)) {
    throw setupError("OAUTH_SCOPE must be public_repo (a public repository) or repo (a private one).");
  }
  return {
    clientId: env.GITHUB_CLIENT_ID,
    clientSecret: env.GITHUB_CLIENT_SECRET,
    origin: env.ALLOWED_ORIGIN,
    scope: env.OAUTH_SCOPE,
  };
}

function setupError(detail) {
  return new SignInError(500, "Sign-in is not set up", `The sign-in service is not set up: ${detail}`, {
    tell: false,
  });
}

/** An https origin (http only on this computer, for tests), written exactly as browsers write it. */
export function isOrigin(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const local = url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
  return (url.protocol === "https:" || local) && url.origin === value;
}

function start(url, settings) {
  const provider = url.searchParams.get("provider");
  if (provider && provider !== PROVIDER) {
    throw new SignInError(400, "Sign-in failed", `This sign-in service signs in to GitHub only, not '${provider}'.`);
  }
  const asked = url.searchParams.get("scope");
  if (asked && asked !== settings.scope) {
    // Decap sends mkdocs.yml's auth_scope; a different one means the two settings disagree.
    throw new SignInError(
      400,
      "Sign-in is not set up",
      `The editor asks for GitHub access '${asked}', but this sign-in service grants '${settings.scope}'. ` +
        "Set auth_scope in mkdocs.yml and OAUTH_SCOPE in the sign-in service to the same value.",
    );
  }
  const state = randomState();
  const target = new URL(GITHUB_AUTHORIZE);
  target.search = new URLSearchParams({
    client_id: settings.clientId,
    redirect_uri: callbackUrl(url),
    scope: settings.scope,
    state,
    allow_signup: "false",
  }).toString();
  const headers = new Headers({ Location: target.href, ...SECURITY_HEADERS });
  // SameSite=Lax, not Strict: GitHub sends the writer back with a top-level navigation from
  // github.com, which a Strict cookie would not come back on.
  headers.append("Set-Cookie", `${STATE_COOKIE}=${state}; Max-Age=${STATE_MAX_AGE}; ${COOKIE_RULES}`);
  return new Response(null, { status: 302, headers });
}

async function finish(request, url, settings) {
  const query = url.searchParams;
  if (query.get("error")) {
    // The writer pressed Cancel on GitHub's page, or GitHub refused the app.
    const reason = sentence(query.get("error_description") || query.get("error"));
    const text = `GitHub did not sign you in: ${reason}. Close this window and try again.`;
    throw new SignInError(403, "Sign-in cancelled", text);
  }
  const expected = readCookie(request.headers.get("Cookie") || "", STATE_COOKIE);
  if (!expected || !query.get("state") || !sameText(expected, query.get("state"))) {
    throw new SignInError(
      403,
      "Sign-in failed",
      "This sign-in was not started from the editor, or took longer than 10 minutes. " +
        "Close this window and press Login with GitHub in the editor again.",
    );
  }
  const code = query.get("code");
  if (!code) {
    throw new SignInError(400, "Sign-in failed", "GitHub sent no sign-in code. Close this window and try again.");
  }
  const token = await exchange(code, callbackUrl(url), settings);
  const message = `authorization:${PROVIDER}:success:${JSON.stringify({ token, provider: PROVIDER })}`;
  const text = "You are signed in to GitHub. This window closes by itself once the editor has taken the sign-in.";
  return page(200, "Signed in", text, settings.origin, { message });
}

/** GitHub's token for the code, checked to carry exactly the configured scope. */
async function exchange(code, redirectUri, settings) {
  let answer;
  try {
    const response = await fetch(GITHUB_TOKEN, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "newsdesk-sign-in",
      },
      body: new URLSearchParams({
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        code,
        redirect_uri: redirectUri,
      }).toString(),
    });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    answer = await response.json();
  } catch (error) {
    console.error("sign-in: GitHub's token endpoint failed:", String(error));
    const text = "GitHub did not answer the sign-in. Close this window and try again in a minute.";
    throw new SignInError(502, "Sign-in failed", text);
  }
  if (answer.error || !answer.access_token) {
    // incorrect_client_credentials: the secret was rotated on GitHub but not here (docs-dev/sign-in.md).
    const said = sentence(answer.error_description || answer.error || "no token");
    const reason = said.replaceAll(settings.clientSecret, "[secret]");
    console.error("sign-in: GitHub refused the code:", answer.error);
    const text = `GitHub refused the sign-in: ${reason}. Close this window and try again.`;
    throw new SignInError(502, "Sign-in failed", text);
  }
  const granted = String(answer.scope || "").split(/[,\s]+/).filter(Boolean);
  if (granted.length !== 1 || granted[0] !== settings.scope) {
    throw new SignInError(
      403,
      "Sign-in refused",
      `GitHub granted the access '${granted.join(",") || "none"}' instead of '${settings.scope}'. ` +
        "In GitHub, open Settings, Applications, Authorized OAuth Apps, revoke this app, then sign in again.",
    );
  }
  return answer.access_token;
}

/** GitHub's words, without their full stop: the page adds its own. */
function sentence(text) {
  return String(text).replace(/[.\s]+$/, "");
}

function callbackUrl(url) {
  return new URL("/callback", url.origin).href;
}

function randomState() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function readCookie(header, name) {
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) {
      return value.join("=");
    }
  }
  return null;
}

/** Compares the whole of both, so the time taken says nothing about where they differ. */
function sameText(a, b) {
  let differ = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    differ |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return differ === 0;
}

const SECURITY_HEADERS = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

let scriptHash; // the page script's sha256, for its Content-Security-Policy

async function page(status, title, text, origin, { message, error }) {
  if (!scriptHash) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(PAGE_SCRIPT));
    scriptHash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  }
  const post = error ? `authorization:${PROVIDER}:error:${JSON.stringify({ message: error })}` : message;
  const data = origin ? jsonForScript({ origin, message: post }) : "{}";
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} - editor sign-in</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p id="nd-status">${escapeHtml(text)}</p>
</main>
<script type="application/json" id="nd-sign-in">${data}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
  const headers = new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy":
      `default-src 'none'; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'; ` +
      "frame-ancestors 'none'",
    ...SECURITY_HEADERS,
  });
  // The state is used once: every answer of /callback forgets it.
  headers.append("Set-Cookie", `${STATE_COOKIE}=; Max-Age=0; ${COOKIE_RULES}`);
  return new Response(body, { status, headers });
}

export function escapeHtml(text) {
  return String(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** JSON that cannot end its <script> block or start a comment: <, > and & as \u escapes. */
export function jsonForScript(value) {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
