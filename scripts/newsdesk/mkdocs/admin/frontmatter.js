/* The editor's file format, "newsdesk-frontmatter" (loaded after decap-cms.js and js-yaml.js):
   - fromFile reads any YAML front matter with js-yaml (admin/js-yaml.js, from node_modules), keeping
     dates as text, as the site's reader does;
   - toFile writes core/text/frontwriter.py's canonical style, a line-for-line port of it (field order
     as the schema, `tags: [A, B]`, text quoted only when needed and never re-wrapped); and
   - a field the edit left alone keeps its exact lines: fromFile keeps the file's front matter under a
     key no form shows (KEEP), and toFile writes those lines again for every field whose value is
     unchanged, so a review diff shows only what the writer changed (tests/test_frontwriter.py). */
"use strict";

(function (root, factory) {
  var yaml = typeof module !== "undefined" && module.exports ? require("js-yaml") : root.jsyaml;
  var made = factory(yaml);
  if (typeof module !== "undefined" && module.exports) module.exports = made;
  if (root.CMS && root.document) {
    var site = JSON.parse(root.document.getElementById("newsdesk-site").textContent);
    root.CMS.registerCustomFormat(made.NAME, "md", {
      fromFile: made.fromFile,
      toFile: function (data) { return made.toFile(data, site.order); },
    });
  }
})(typeof self !== "undefined" ? self : this, function (yaml) {
  var NAME = "newsdesk-frontmatter";
  var KEEP = "_newsdesk_front_matter";  // the file as read ({front, gap}), for toFile; never written

  // core/text/frontwriter.py's patterns, character for character.
  var NEEDS_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
  var NUMBER = new RegExp("^(?:" +
    "[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][-+]?[0-9]+)?" +
    "|[-+]?0[bBoOxX][0-9a-fA-F_]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  var WORDS = ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<"];
  var INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
  var FLOW_INDICATORS = ",[]{}";
  var TAB_INDENT = /(?:^|\n)[ \t]*\t/;  // a line indented with a tab, which the site's reader refuses
  var FENCE = /^(?:---|\.\.\.)[ \t]*$/;

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
  }

  function frontMatter(meta, order) { return "---\n" + fields(meta, order) + "---\n"; }

  function fields(meta, order, indent) {
    var kept = clean(meta) || {};
    return ordered(kept, order[""] || []).map(function (key) {
      return field(key, kept[key], order, indent || 0);
    }).join("");
  }

  function field(key, value, order, indent) {
    indent = indent || 0;
    return " ".repeat(indent) + scalar(String(key), true) + ":" + valueText(value, order, key, indent);
  }

  function ordered(mapping, order) {
    var keys = Object.keys(mapping);
    return order.filter(function (key) { return keys.indexOf(key) >= 0; })
      .concat(keys.filter(function (key) { return order.indexOf(key) < 0; }));
  }

  function clean(value) {
    if (isMapping(value)) {
      var kept = {};
      Object.keys(value).forEach(function (key) {
        var part = clean(value[key]);
        if (part !== null) kept[key] = part;
      });
      return Object.keys(kept).length ? kept : null;
    }
    if (Array.isArray(value)) {
      var items = value.map(clean).filter(function (item) { return item !== null; });
      return items.length ? items : null;
    }
    return value === undefined || value === null || value === "" ? null : value;
  }

  function scalar(text, flow) {
    if (plain(text, flow)) return text;
    if (NEEDS_DOUBLE.test(text) || text.indexOf("\n") >= 0) {
      return '"' + Array.from(text).map(escape).join("") + '"';
    }
    return "'" + text.replace(/'/g, "''") + "'";
  }

  function plain(text, flow) {
    return !(
      WORDS.indexOf(text.toLowerCase()) >= 0 ||
      NUMBER.test(text) ||
      INDICATORS.indexOf(text[0]) >= 0 ||
      " \t".indexOf(text[0]) >= 0 ||
      " \t:".indexOf(text[text.length - 1]) >= 0 ||
      text.indexOf("\t") >= 0 ||
      text.indexOf("\n") >= 0 ||
      text.indexOf(": ") >= 0 ||
      text.indexOf(" #") >= 0 ||
      NEEDS_DOUBLE.test(text) ||
      (flow && Array.from(text).some(function (char) { return FLOW_INDICATORS.indexOf(char) >= 0; }))
    );
  }

  function escape(char) {
    if (char === '"' || char === "\\") return "\\" + char;
    if (char === "\n") return "\\n";
    if (char === "\t") return "\\t";
    return NEEDS_DOUBLE.test(char) ? "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0") : char;
  }

  function literal(text) {
    return text.indexOf("\n") >= 0 && !NEEDS_DOUBLE.test(text) && !TAB_INDENT.test(text) && " \t\n".indexOf(text[0]) < 0;
  }

  function two(number) { return String(number).padStart(2, "0"); }

  function one(value, flow) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (value === null || value === undefined) return "null";
    if (typeof value === "number") return String(value);
    if (value instanceof Date) {
      return value.getFullYear() + "-" + two(value.getMonth() + 1) + "-" + two(value.getDate()) + " " +
        two(value.getHours()) + ":" + two(value.getMinutes());
    }
    if (isMapping(value)) {
      return "{" + Object.keys(value).map(function (key) {
        return scalar(String(key), true) + ": " + one(value[key], true);
      }).join(", ") + "}";
    }
    if (Array.isArray(value)) return "[" + value.map(function (item) { return one(item, true); }).join(", ") + "]";
    return scalar(String(value), flow);
  }

  function valueText(value, order, key, indent) {
    if (typeof value === "string" && literal(value)) {
      var chomp = !value.endsWith("\n") ? "-" : value.endsWith("\n\n") ? "+" : "";
      var lines = (value.endsWith("\n") ? value : value + "\n").slice(0, -1).split("\n");
      var pad = " ".repeat(indent + 2);
      return " |" + chomp + "\n" + lines.map(function (line) { return line ? pad + line + "\n" : "\n"; }).join("");
    }
    if (isMapping(value) && Object.keys(value).length) {
      return "\n" + ordered(value, order[key] || []).map(function (part) {
        return field(part, value[part], order, indent + 2);
      }).join("");
    }
    if (Array.isArray(value) && value.some(function (item) { return isMapping(item) || Array.isArray(item); })) {
      return "\n" + value.map(function (item) { return entry(item, order, key, indent + 2); }).join("");
    }
    return " " + one(value, false) + "\n";
  }

  function entry(item, order, key, indent) {
    if (isMapping(item) && Object.keys(item).length) {
      var lines = ordered(item, order[key] || []).map(function (part) {
        return field(part, item[part], order, indent + 2);
      }).join("");
      return " ".repeat(indent) + "- " + lines.slice(indent + 2);
    }
    return " ".repeat(indent) + "-" + valueText(item, order, key, indent);
  }

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
    NAME: NAME, KEEP: KEEP, frontMatter: frontMatter, fields: fields, field: field, scalar: scalar,
    fromFile: fromFile, toFile: toFile,
  };
});
