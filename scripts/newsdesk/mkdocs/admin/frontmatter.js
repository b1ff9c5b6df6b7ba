/* The editor's file format, "newsdesk-frontmatter" (loaded after decap-cms.js, js-yaml.js and
   frontwriter.js):
   - fromFile reads any YAML front matter with js-yaml (admin/js-yaml.js, from node_modules), keeping
     dates as text, as the site's reader does;
   - toFile writes the canonical style (admin/frontwriter.js, core/text/frontwriter.py's port:
     field order as the schema, `tags: [A, B]`, text quoted only when needed, never re-wrapped); and
   - a field the edit left alone keeps its exact lines: fromFile keeps the file as read under a key
     no form shows (KEEP), and toFile writes those lines again for every field whose value is
     unchanged, so a review diff shows only what the writer changed (tests/test_frontwriter.py). */
"use strict";

(function (root, factory) {
  var node = typeof module !== "undefined" && module.exports;
  var made = node
    ? factory(require("js-yaml"), require("./frontwriter.js"))
    : factory(root.jsyaml, root.newsdeskFrontWriter);
  if (node) module.exports = made;
  if (root.CMS && root.document) {
    var site = JSON.parse(root.document.getElementById("newsdesk-site").textContent);
    root.CMS.registerCustomFormat(made.NAME, "md", {
      fromFile: made.fromFile,
      toFile: function (data) { return made.toFile(data, site.order); },
    });
  }
})(typeof self !== "undefined" ? self : this, function (yaml, writer) {
  var NAME = "newsdesk-frontmatter";
  var KEEP = "_newsdesk_front_matter";  // the file as read ({front, gap}), for toFile; never written

  var FENCE = /^(?:---|\.\.\.)[ \t]*$/;
  var isMapping = writer.isMapping, clean = writer.clean, fields = writer.fields, field = writer.field;
  var ordered = writer.ordered;

  // Reading ---------------------------------------------------------------------------------------

  function fromFile(text) {
    text = String(text).replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
    var lines = text.split("\n");
    if (lines[0].replace(/[ \t]+$/, "") !== "---") return { body: text };
    var end = lines.findIndex(function (line, number) { return number > 0 && FENCE.test(line); });
    if (end < 0) throw new Error("The front matter is not closed: add a '---' line after the last field.");
    var source = lines.slice(1, end).map(function (line) { return line + "\n"; }).join("");
    var data = yaml.load(source) || {};
    if (!isMapping(data)) throw new Error("The front matter should be 'field: value' lines.");
    data = Object.assign({}, data);
    var rest = lines.slice(end + 1).join("\n");
    data.body = rest.replace(/^\n/, "");
    data[KEEP] = { front: source, gap: rest && rest[0] !== "\n" ? "" : "\n" };
    return data;
  }

  // The file's fields as {key, lead, text}: `lead` the notes and blank lines above the field, `text`
  // its own lines; null when the lines cannot be told apart field by field (then all is rewritten).
  function segments(source, whole) {
    var parts = [], pending = [], current = null;
    source.replace(/\n$/, "").split("\n").forEach(function (line) {
      if (!source) return;
      if (/^[^ \t#\-\]}]/.test(line)) {
        if (current) parts.push(current);
        current = { lead: pending, lines: [line] };
        pending = [];
      } else if (/^[ \t]*$/.test(line) || line[0] === "#") {
        pending.push(line);
      } else if (current) {
        current.lines = current.lines.concat(pending, [line]);
        pending = [];
      } else {
        parts = null;
      }
    });
    if (parts === null) return null;
    if (current) parts.push(current);
    var seen = [];
    var join = function (lines) { return lines.map(function (line) { return line + "\n"; }).join(""); };
    for (var part of parts) {
      var alone;
      try { alone = yaml.load(join(part.lines)); } catch (error) { return null; }
      var keys = isMapping(alone) ? Object.keys(alone) : [];
      if (keys.length !== 1 || seen.indexOf(keys[0]) >= 0 || !same(alone[keys[0]], whole[keys[0]])) return null;
      seen.push(part.key = keys[0]);
      part.lead = join(part.lead);
      part.text = join(part.lines);
    }
    if (seen.length !== Object.keys(whole).length) return null;
    return { parts: parts, tail: join(pending) };
  }

  function same(a, b) {
    if (Array.isArray(a) || Array.isArray(b)) {
      return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
        a.every(function (item, number) { return same(item, b[number]); });
    }
    if (isMapping(a) || isMapping(b)) {
      if (!isMapping(a) || !isMapping(b)) return false;
      var keys = Object.keys(a);
      return keys.length === Object.keys(b).length &&
        keys.every(function (key) { return Object.prototype.hasOwnProperty.call(b, key) && same(a[key], b[key]); });
    }
    if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
    return a === b;
  }

  // The front matter after an edit: each field's own lines where its value is unchanged, the
  // canonical style where it changed, a new field after the fields that come before it in the schema.
  function keepUnchanged(source, meta, order) {
    var whole = yaml.load(source) || {};
    var found = isMapping(whole) ? segments(source, whole) : null;
    if (!found) return fields(meta, order);
    var kept = clean(meta) || {}, out = [], schema = order[""] || [];
    found.parts.forEach(function (part) {
      var now = kept[part.key] === undefined ? null : kept[part.key];
      if (same(clean(whole[part.key]), now)) out.push({ key: part.key, text: part.lead + part.text });
      else if (now === null) out.push({ key: null, text: part.lead });
      else out.push({ key: part.key, text: part.lead + field(part.key, now, order, 0) });
    });
    var written = found.parts.map(function (part) { return part.key; });
    ordered(kept, schema).forEach(function (key) {
      if (written.indexOf(key) >= 0) return;
      var rank = schema.indexOf(key), at = rank < 0 ? out.length : 0;
      out.forEach(function (item, number) {
        var before = schema.indexOf(item.key);
        if (rank >= 0 && before >= 0 && before < rank) at = number + 1;
      });
      out.splice(at, 0, { key: key, text: field(key, kept[key], order, 0) });
    });
    return out.map(function (item) { return item.text; }).join("") + found.tail;
  }

  function toFile(data, order) {
    var meta = {};
    Object.keys(data).forEach(function (key) { if (key !== "body" && key !== KEEP) meta[key] = data[key]; });
    var kept = isMapping(data[KEEP]) && typeof data[KEEP].front === "string" ? data[KEEP] : null;
    var front = kept ? keepUnchanged(kept.front, meta, order) : fields(meta, order);
    var body = data.body === undefined || data.body === null ? "" : String(data.body);
    if (body && !body.endsWith("\n")) body += "\n";
    return "---\n" + front + "---\n" + (body ? (kept && kept.gap === "" ? "" : "\n") + body : "");
  }

  return {
    NAME: NAME, KEEP: KEEP, frontMatter: writer.frontMatter, fromFile: fromFile, toFile: toFile,
  };
});
