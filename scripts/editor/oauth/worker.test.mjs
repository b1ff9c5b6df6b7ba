// Tests of the sign-in service (worker.mjs), run by `node --test` (tests/test_oauth_worker.py runs
// them in the suite). GitHub's token endpoint is a stub fetch; the page's script runs in a fake window.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { afterEach, test } from "node:test";
import vm from "node:vm";

import worker, { GITHUB_AUTHORIZE, GITHUB_TOKEN, STATE_COOKIE } from "./worker.mjs";

const SITE = "https://news.example.gov.uk";
const SERVICE = "https://newsdesk-auth.example.workers.dev";
const SECRET = "s3cret-0123456789abcdef";
const ENV = {
  GITHUB_CLIENT_ID: "Iv1.client",
  GITHUB_CLIENT_SECRET: SECRET,
  ALLOWED_ORIGIN: SITE,
  OAUTH_SCOPE: "public_repo",
};
const realFetch = globalThis.fetch;
let calls = [];

afterEach(() => {
  globalThis.fetch = realFetch;
  calls = [];
});

/** GitHub's token endpoint, answering `answer` (or failing with `status`). */
function fakeGitHub(answer, status = 200) {
  globalThis.fetch = async (url, options) => {
    calls.push({ url: String(url), options });
    return new Response(JSON.stringify(answer), { status, headers: { "Content-Type": "application/json" } });
  };
}

function get(path, { env = ENV, cookie, method = "GET" } = {}) {
  const headers = cookie ? { Cookie: cookie } : {};
  return worker.fetch(new Request(SERVICE + path, { method, headers }), env);
}

/** /auth, then GitHub's redirect back with `code`: the callback's response. */
async function signIn({ env = ENV, state, code = "code-1" } = {}) {
  const started = await get("/auth?provider=github&site_id=news.example.gov.uk&scope=public_repo", { env });
  const sent = new URL(started.headers.get("Location")).searchParams.get("state");
  const cookie = started.headers.get("Set-Cookie").split(";")[0];
  return get(`/callback?code=${code}&state=${encodeURIComponent(state ?? sent)}`, { env, cookie });
}

/** Runs the page's script in a window opened by `opener`; returns what it posted and a way to answer. */
function runPage(html) {
  const data = html.match(/<script type="application\/json" id="nd-sign-in">(.*?)<\/script>/s)[1];
  const script = [...html.matchAll(/<script>(.*?)<\/script>/gs)].at(-1)[1];
  const posted = [];
  const listeners = [];
  const opener = { postMessage: (message, target) => posted.push({ message, target }) };
  const window = {
    opener,
    addEventListener: (type, fn) => type === "message" && listeners.push(fn),
    removeEventListener: (type, fn) => listeners.splice(listeners.indexOf(fn), 1),
  };
  const status = { textContent: html.match(/<p id="nd-status">(.*?)<\/p>/s)[1] };
  const elements = { "nd-sign-in": { textContent: data }, "nd-status": status };
  const document = { getElementById: (id) => elements[id] ?? null };
  const timers = new Map();
  const setTimeout = (fn, ms) => timers.set(timers.size + 1, { fn, ms }).size;
  const clearTimeout = (id) => timers.delete(id);
  vm.runInNewContext(script, { window, document, JSON, setTimeout, clearTimeout });
  const answer = (event) => [...listeners].forEach((fn) => fn({ source: opener, ...event }));
  const waitLong = () => [...timers.values()].forEach((timer) => timer.fn());
  return { posted, answer, script, status, timers, waitLong };
}

test("/auth sends the writer to GitHub with exactly the configured scope, a fresh state in a safe cookie", async () => {
  for (const scope of ["public_repo", "repo"]) {
    const response = await get(`/auth?provider=github&scope=${scope}`, { env: { ...ENV, OAUTH_SCOPE: scope } });
    assert.equal(response.status, 302);
    const target = new URL(response.headers.get("Location"));
    assert.equal(target.origin + target.pathname, GITHUB_AUTHORIZE);
    assert.deepEqual(Object.fromEntries(target.searchParams), {
      client_id: "Iv1.client",
      redirect_uri: `${SERVICE}/callback`,
      scope,
      state: target.searchParams.get("state"),
      allow_signup: "false",
    });
    const cookie = response.headers.get("Set-Cookie");
    const state = target.searchParams.get("state");
    assert.equal(cookie, `${STATE_COOKIE}=${state}; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Lax`);
    assert.match(target.searchParams.get("state"), /^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    assert.ok(!JSON.stringify([...response.headers]).includes(SECRET));
  }
  const states = new Set();
  for (let i = 0; i < 5; i++) {
    states.add(new URL((await get("/auth")).headers.get("Location")).searchParams.get("state"));
  }
  assert.equal(states.size, 5);
});

test("/auth refuses a scope other than the configured one, instead of widening or narrowing it", async () => {
  const response = await get("/auth?provider=github&scope=repo");
  assert.equal(response.status, 400);
  assert.equal(response.headers.get("Location"), null);
  const html = await response.text();
  assert.match(html, /The editor asks for GitHub access &#39;repo&#39;, but this sign-in service grants /);
  assert.match(html, /grants &#39;public_repo&#39;/);
  assert.match(html, /Set auth_scope in mkdocs.yml and OAUTH_SCOPE in the sign-in service to the same value/);
  assert.equal((await get("/auth?provider=gitlab")).status, 400);
});

test("the callback refuses a state that does not match the cookie, and never asks GitHub for a token", async () => {
  fakeGitHub({ access_token: "gho_token", token_type: "bearer", scope: "public_repo" });
  const wrong = await signIn({ state: "someone-elses-state" });
  assert.equal(wrong.status, 403);
  const html = await wrong.text();
  assert.match(html, /This sign-in was not started from the editor, or took longer than 10 minutes/);
  assert.ok(!html.includes("gho_token"));
  const noCookie = await get("/callback?code=c&state=abc");
  assert.equal(noCookie.status, 403);
  const noState = await get("/callback?code=c", { cookie: `${STATE_COOKIE}=abc` });
  assert.equal(noState.status, 403);
  const emptyBoth = await get("/callback?code=c&state=", { cookie: `${STATE_COOKIE}=` });
  assert.equal(emptyBoth.status, 403);
  assert.equal(calls.length, 0);
  // The state is used once: every callback answer deletes the cookie.
  assert.match(wrong.headers.get("Set-Cookie"), new RegExp(`^${STATE_COOKIE}=; Max-Age=0; Path=/; Secure; HttpOnly`));
});

test("the code is exchanged with the client id and secret, and the token goes to the site's origin only", async () => {
  fakeGitHub({ access_token: "gho_token", token_type: "bearer", scope: "public_repo" });
  const response = await signIn({ code: "the-code" });
  assert.equal(response.status, 200);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, GITHUB_TOKEN);
  assert.equal(calls[0].options.method, "POST");
  assert.equal(calls[0].options.headers.Accept, "application/json");
  assert.deepEqual(Object.fromEntries(new URLSearchParams(calls[0].options.body)), {
    client_id: "Iv1.client",
    client_secret: SECRET,
    code: "the-code",
    redirect_uri: `${SERVICE}/callback`,
  });
  const html = await response.text();
  const { posted, answer, timers } = runPage(html);
  // First the handshake, to the site's origin; no token yet.
  assert.deepEqual(posted, [{ message: "authorizing:github", target: SITE }]);
  // Another origin answering the handshake gets nothing; neither does a window other than the opener.
  answer({ origin: "https://evil.example", data: "authorizing:github" });
  answer({ origin: "null", data: "authorizing:github" });
  answer({ origin: SITE, data: "authorizing:github", source: {} });
  answer({ origin: SITE, data: "something else" });
  assert.equal(posted.length, 1);
  // The editor's answer from the site's origin: the token, addressed to that origin alone.
  answer({ origin: SITE, data: "authorizing:github" });
  assert.equal(posted.length, 2);
  assert.equal(posted[1].target, SITE);
  const prefix = "authorization:github:success:";
  assert.ok(posted[1].message.startsWith(prefix));
  assert.deepEqual(JSON.parse(posted[1].message.slice(prefix.length)), { token: "gho_token", provider: "github" });
  answer({ origin: SITE, data: "authorizing:github" });
  assert.equal(posted.length, 2, "the token is posted once");
  assert.equal(timers.size, 0, "the editor answered: no note that it did not");
  assert.ok(posted.every((post) => post.target !== "*"));
});

test("an editor that never answers (ALLOWED_ORIGIN is not its address) gets a page that says so", async () => {
  fakeGitHub({ access_token: "gho_token", token_type: "bearer", scope: "public_repo" });
  const { posted, status, timers, waitLong } = runPage(await (await signIn()).text());
  assert.match(status.textContent, /You are signed in/);
  assert.deepEqual([...timers.values()].map((timer) => timer.ms), [10000]);
  waitLong();
  assert.equal(
    status.textContent,
    "The editor did not answer. Close this window and try again. If it happens again, tell IT: the sign-in " +
      `service's ALLOWED_ORIGIN is ${SITE}, and it must be the address of the site the editor is on.`,
  );
  assert.equal(posted.length, 1);
});

test("the client secret is in no page and no header, even when GitHub's answer repeats it", async () => {
  fakeGitHub({ access_token: "gho_token", token_type: "bearer", scope: "public_repo" });
  const responses = [await signIn(), await get("/auth"), await get("/callback?code=x&state=y")];
  fakeGitHub({ error: "incorrect_client_credentials", error_description: `The client_secret ${SECRET} is wrong` });
  responses.push(await signIn());
  globalThis.fetch = async () => {
    throw new Error(`connection refused while sending ${SECRET}`);
  };
  responses.push(await signIn());
  for (const response of responses) {
    const text = (await response.text()) + JSON.stringify([...response.headers]);
    assert.ok(!text.includes(SECRET), text);
  }
});

test("GitHub's errors are shown escaped on a plain page, and told to the editor", async () => {
  fakeGitHub({ error: "bad_verification_code", error_description: "<img src=x onerror=alert(1)> & </script>" });
  const response = await signIn();
  assert.equal(response.status, 502);
  assert.equal(response.headers.get("Content-Type"), "text/html; charset=utf-8");
  const html = await response.text();
  assert.ok(!html.includes("<img") && !html.includes("& </script>"));
  assert.match(html, /GitHub refused the sign-in: &lt;img src=x onerror=alert\(1\)&gt; &amp; &lt;\/script&gt;/);
  const { posted, answer } = runPage(html);
  answer({ origin: SITE, data: "authorizing:github" });
  const prefix = "authorization:github:error:";
  assert.equal(posted[1].target, SITE);
  const told = JSON.parse(posted[1].message.slice(prefix.length)).message;
  assert.match(told, /<img src=x onerror=alert\(1\)> & <\/script>/);
  // The writer pressing Cancel on GitHub: GitHub's words, escaped.
  const cancelled = await get("/callback?error=access_denied&error_description=The+user+has+denied+%3Cb%3E");
  assert.equal(cancelled.status, 403);
  assert.match(await cancelled.text(), /GitHub did not sign you in: The user has denied &lt;b&gt;\./);
});

test("a token with more (or other) access than configured is never handed over", async () => {
  for (const scope of ["repo", "public_repo,repo", "public_repo,delete_repo", ""]) {
    fakeGitHub({ access_token: "gho_wide", token_type: "bearer", scope });
    const response = await signIn();
    assert.equal(response.status, 403, scope);
    const html = await response.text();
    assert.ok(!html.includes("gho_wide"), scope);
    assert.match(html, /revoke this app, then sign in again/);
  }
});

test("GitHub not answering gives a plain page", async () => {
  fakeGitHub({}, 500);
  const response = await signIn();
  assert.equal(response.status, 502);
  assert.match(await response.text(), /GitHub did not answer the sign-in/);
});

test("wrong settings stop every sign-in with a page naming them, and nothing is posted", async () => {
  const cases = [
    [{ ALLOWED_ORIGIN: "*" }, /ALLOWED_ORIGIN must be the site&#39;s own address alone/],
    [{ ALLOWED_ORIGIN: `${SITE}/` }, /ALLOWED_ORIGIN must be/],
    [{ ALLOWED_ORIGIN: `${SITE}/admin` }, /ALLOWED_ORIGIN must be/],
    [{ ALLOWED_ORIGIN: "http://news.example.gov.uk" }, /ALLOWED_ORIGIN must be/],
    [{ ALLOWED_ORIGIN: "null" }, /ALLOWED_ORIGIN must be/],
    [{ OAUTH_SCOPE: "repo,user" }, /OAUTH_SCOPE must be public_repo \(a public repository\) or repo \(a private one\)/],
    [{ GITHUB_CLIENT_SECRET: "" }, /The sign-in service is not set up: GITHUB_CLIENT_SECRET is not set\./],
    [{ GITHUB_CLIENT_ID: undefined, OAUTH_SCOPE: undefined }, /GITHUB_CLIENT_ID, OAUTH_SCOPE are not set\./],
  ];
  for (const [change, expected] of cases) {
    for (const path of ["/auth", "/callback?code=c&state=s"]) {
      const response = await get(path, { env: { ...ENV, ...change }, cookie: `${STATE_COOKIE}=s` });
      assert.equal(response.status, 500);
      const html = await response.text();
      assert.match(html, expected);
      assert.ok(!html.includes(SECRET));
      assert.deepEqual(runPage(html).posted, []);
    }
  }
  assert.equal(calls.length, 0);
});

test("the page allows only its own script, and is never cached or framed", async () => {
  fakeGitHub({ access_token: "gho_token", token_type: "bearer", scope: "public_repo" });
  const response = await signIn();
  const { script } = runPage(await response.text());
  const hash = createHash("sha256").update(script).digest("base64");
  assert.equal(
    response.headers.get("Content-Security-Policy"),
    `default-src 'none'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  assert.equal(response.headers.get("Cache-Control"), "no-store");
  assert.equal(response.headers.get("Referrer-Policy"), "no-referrer");
});

test("other addresses and methods get a plain answer", async () => {
  assert.equal((await get("/")).status, 404);
  assert.equal((await get("/token")).status, 404);
  assert.equal((await get("/auth", { method: "POST" })).status, 405);
});
