#!/usr/bin/env node
// `make edit`'s backend: decap-server's git mode (node_modules/decap-server, unchanged) on the
// editor's OWN clone of the project (.editor/repo, gitignored), never on the writer's checkout.
// So the folder `mkdocs serve` watches never changes branch, `git add .` sees only what the editor
// wrote, and branch work never reloads /admin/. Three additions to decap-server (docs-dev/editor.md):
// - after a publish, every other draft branch is rebased onto main, because decap-server shows a
//   draft as the diff between main and its branch (else the published entry looks part of it);
// - a publish is fast-forwarded into the checkout's main when that is safe, or the log says how;
// - each request starts with the clone on main, even if decap-server's way back from a draft failed.
"use strict";
const path = require("path");
const { execFileSync } = require("child_process");
const express = require("express");
const { registerLocalGit } = require("decap-server/dist/middlewares");

const checkout = path.resolve(process.env.NEWSDESK_CHECKOUT || process.cwd());
const clone = path.resolve(process.env.NEWSDESK_EDITOR_REPO || path.join(checkout, ".editor", "repo"));
const main = process.env.NEWSDESK_BRANCH || "main";
const port = parseInt(process.env.PORT || "8081", 10);

function git(dir, ...args) {
  return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}
function tryGit(dir, ...args) {
  try { return git(dir, ...args); } catch (e) { return null; }
}
function say(message) { console.log(`make edit: ${message}`); }

// The clone: made once, then brought up to date with the checkout's main at each start.
function prepare() {
  if (tryGit(clone, "rev-parse", "--git-dir") === null) {
    execFileSync("git", ["clone", "--quiet", "--branch", main, checkout, clone], { stdio: "inherit" });
  }
  for (const key of ["user.name", "user.email"]) {
    const value = tryGit(checkout, "config", key);
    if (value) git(clone, "config", key, value);
  }
  git(clone, "checkout", "--quiet", main);
  git(clone, "fetch", "--quiet", "origin", main);
  if (tryGit(clone, "merge", "--quiet", "--no-edit", "FETCH_HEAD") === null) {
    tryGit(clone, "merge", "--abort");
    throw new Error(`the editor's copy (${clone}) and your ${main} both changed the same file; ` +
                    `ask a developer, or publish from the editor's copy by hand`);
  }
  rebaseDrafts();
}

function rebaseDrafts() {
  const branches = git(clone, "for-each-ref", "--format=%(refname:short)", "refs/heads/cms/").split("\n").filter(Boolean);
  for (const branch of branches) {
    if (tryGit(clone, "rebase", "--quiet", main, branch) === null) {
      tryGit(clone, "rebase", "--abort");
      say(`draft ${branch} could not be brought up to date with ${main}; it still opens, but shows older files`);
    }
  }
  git(clone, "checkout", "--quiet", main);
}

// Publish reaches the checkout only by fast-forward, only on main with no changes to tracked files
// (untracked files are left alone; git refuses rather than overwrite one).
function deliver() {
  const branch = tryGit(checkout, "symbolic-ref", "--short", "HEAD");
  const changed = tryGit(checkout, "status", "--porcelain", "--untracked-files=no");
  const how = `run: git pull --ff-only ${path.relative(checkout, clone) || clone} ${main}`;
  if (branch !== main || changed !== "") {
    say(`published in the editor's copy; your checkout is not on a clean ${main}, so it was left alone. When ready, ${how}`);
  } else if (tryGit(checkout, "pull", "--quiet", "--ff-only", clone, main) === null) {
    say(`published in the editor's copy, but your ${main} could not be fast-forwarded; ${how}`);
  } else {
    say(`published: your ${main} now has it; push as usual`);
  }
}

// decap-server checks a draft's branch out for a request, then main again. If the way back failed
// (another program held git's lock: an editor's own `git status`), the clone would stay on the
// draft's branch, and publishing that draft would fail: git will not delete a checked-out branch.
function onMain() {
  if (tryGit(clone, "symbolic-ref", "--short", "HEAD") === main) return;
  if (tryGit(clone, "checkout", "--quiet", main) === null) {
    say(`the editor's copy (${clone}) could not go back to ${main}; close other programs using it and start make edit again`);
  }
}

(async () => {
  prepare();
  process.env.GIT_REPO_DIRECTORY = clone;
  const app = express();
  app.use(express.json({ limit: "50mb" }));
  // One request at a time, so the rebase after a publish never runs beside decap-server's own work.
  let queue = Promise.resolve();
  app.post("/api/v1", (req, res, next) => {
    const action = req.body && req.body.action;
    queue = queue.then(() => new Promise(done => {
      res.on("finish", () => {
        if (action === "publishUnpublishedEntry" && res.statusCode < 400) {
          try { rebaseDrafts(); deliver(); } catch (e) { say(e.message); }
        }
        done();
      });
      res.on("close", done);
      onMain();
      next();
    }));
  });
  await registerLocalGit(app, { logLevel: process.env.LOG_LEVEL || "info" });
  app.listen(port, process.env.BIND_HOST || "127.0.0.1", () => say(`editor backend on ${clone}, port ${port}`));
})().catch(e => { console.error(`make edit: ${e.message}`); process.exit(1); });
