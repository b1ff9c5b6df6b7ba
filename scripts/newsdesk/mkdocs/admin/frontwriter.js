/* core/text/frontwriter.py's canonical front-matter style, line for line, for admin/frontmatter.js:
   the same data gives the same bytes (tests/test_frontwriter.py runs both). */
"use strict";

(function (root, factory) {
  var made = factory();
  if (typeof module !== "undefined" && module.exports) module.exports = made;
  else root.newsdeskFrontWriter = made;
})(typeof self !== "undefined" ? self : this, function () {
  // core/text/frontwriter.py's patterns, character for character.
  var NEEDS_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
  var NUMBER = new RegExp("^(?:" +
    "[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][-+]?[0-9]+)?" +
    "|[-+]?0[bBoOxX][0-9a-fA-F_]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  var WORDS = ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<"];
  var INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
  var FLOW_INDICATORS = ",[]{}";
  var TAB_INDENT = /(?:^|\n)[ \t]*\t/;  // a line indented with a tab, which the site's reader refuses

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

  return { frontMatter: frontMatter, fields: fields, field: field, ordered: ordered, clean: clean, isMapping: isMapping };
});
