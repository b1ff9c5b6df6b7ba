// The editor's sign-in service (scripts/editor/oauth/worker.mjs) on 127.0.0.1 for
// tests/browser/test_sign_in.py, with GitHub's token endpoint played here: it answers
// GRANTED_TOKEN with GRANTED_SCOPE. It prints, as JSON lines on stdout, each exchange's form and
// each answer it sends.
// Usage: node sign_in_service.mjs <worker.mjs> <port>; the worker's settings come from the environment.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const [workerPath, port] = process.argv.slice(2);
const { default: worker, GITHUB_TOKEN } = await import(pathToFileURL(workerPath).href);

globalThis.fetch = async (url, options) => {
  if (String(url) !== GITHUB_TOKEN) {
    throw new Error(`the test's GitHub answers only ${GITHUB_TOKEN}, not ${url}`);
  }
  console.log(JSON.stringify({ exchange: Object.fromEntries(new URLSearchParams(options.body)) }));
  const answer = { access_token: process.env.GRANTED_TOKEN, token_type: "bearer", scope: process.env.GRANTED_SCOPE };
  return new Response(JSON.stringify(answer), { headers: { "Content-Type": "application/json" } });
};

const env = {};
for (const name of ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "ALLOWED_ORIGIN", "OAUTH_SCOPE"]) {
  env[name] = process.env[name];
}

createServer(async (req, res) => {
  const request = new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers: req.headers });
  const response = await worker.fetch(request, env);
  const headers = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  console.log(JSON.stringify({ sent: { path: req.url, status: response.status, headers, body: body.toString() } }));
  res.writeHead(response.status, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1", () => console.log(JSON.stringify({ listening: Number(port) })));
