/* The browser editor's additions to Decap CMS (loaded after decap-cms.js by admin/index.html):
   - the file name: a new post's empty `slug` field is filled in from its title exactly as
     `newsdesk new` makes it (commands/postfile.py slug_for; tests/test_editor_site.py compares them);
   - the preview: a post drawn as its page is, with the site's stylesheets, the header band of
     overrides/main.html and the parts of overrides/newsdesk/post.html (admin/fields.js: the form's own fields). */
"use strict";

var SLUG_LENGTH = 60;

// A port of core/slugs.py's slugify (python-slugify's legacy pipeline with text-unidecode): quotes
// become hyphens, every script is spelt in ASCII letters by text-unidecode's own table (`table`:
// admin/unidecode.bin, copied from the installed Python package), HTML entities are decoded
// (`entities`: Python's html.entities), and what is not a letter, digit or hyphen becomes one.
function newsdeskSlugify(text, table, entities) {
  var spelt = "";
  for (var ch of String(text).replace(/'+/g, "-").normalize("NFKD")) {
    var point = ch.codePointAt(0);
    if (point === 0) spelt += "\x00";
    else if (point - 1 < table.length) spelt += table[point - 1];
  }
  spelt = spelt.replace(/&([A-Za-z0-9]+);/g, function (all, name) {
    return Object.prototype.hasOwnProperty.call(entities, name) ? String.fromCodePoint(entities[name]) : all;
  }).replace(/&#(\d+);/g, function (all, number) { return String.fromCodePoint(Number(number)); })
    .replace(/&#x([\da-fA-F]+);/g, function (all, number) { return String.fromCodePoint(parseInt(number, 16)); });
  return spelt.normalize("NFKD").toLowerCase().replace(/'+/g, "").replace(/(?<=\d),(?=\d)/g, "")
    .replace(/[^-a-zA-Z0-9]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
}

// commands/postfile.py's slug_for: cut at a word once past 60 characters.
function newsdeskSlugFor(title, table, entities) {
  var slug = newsdeskSlugify(title, table, entities);
  if (slug.length <= SLUG_LENGTH) return slug;
  var cut = slug.slice(0, SLUG_LENGTH + 1);
  cut = cut.indexOf("-") >= 0 ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  return cut || slug.slice(0, SLUG_LENGTH);
}

var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

function newsdeskHumanDate(value) {
  var match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
  return match ? Number(match[3]) + " " + MONTHS[Number(match[2]) - 1] + " " + match[1] : "";
}

// core/dates.py's human_time and human_datetime: '10am', '4:30pm', 'midday'; midnight shows the date only.
function newsdeskHumanTime(hour, minute) {
  if (hour === 12 && minute === 0) return "midday";
  if (hour === 0 && minute === 0) return "midnight";
  return (hour % 12 || 12) + (minute ? ":" + String(minute).padStart(2, "0") : "") + (hour < 12 ? "am" : "pm");
}

function newsdeskHumanDateTime(value) {
  var match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(String(value || ""));
  if (!match || (match[4] === "00" && match[5] === "00")) return newsdeskHumanDate(value);
  return newsdeskHumanDate(value) + ", " + newsdeskHumanTime(Number(match[4]), Number(match[5]));
}

// The site's clock as 'YYYY-MM-DD HH:mm': the file's date is written in the site's time zone, so the
// two compare as strings.
function newsdeskNowIn(timeZone, now) {
  var parts = {};
  new Intl.DateTimeFormat("en-GB", { timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now || new Date())
    .forEach(function (part) { parts[part.type] = part.value; });
  return parts.year + "-" + parts.month + "-" + parts.day + " " + parts.hour + ":" + parts.minute;
}

function newsdeskScheduled(value, timeZone, now) {
  var written = String(value || "").replace("T", " ").slice(0, 16);
  if (written.length === 10) written += " 00:00";
  return written.length === 16 && written > newsdeskNowIn(timeZone, now);
}

// core/attachments.py's KINDS: the kind readers are told, by suffix.
var KINDS = { pdf: "PDF", doc: "Word", docx: "Word", xls: "Excel", xlsx: "Excel", odt: "ODF", ods: "ODF", odp: "ODF", csv: "CSV" };

function newsdeskKind(name) {
  var match = /\.([A-Za-z0-9]+)$/.exec(String(name || "").split("?")[0]);
  return (match && KINDS[match[1].toLowerCase()]) || "";
}

// The exact time a scheduled post goes live, as typed: '10 December 2026 at 00:01'.
function newsdeskExactTime(value) {
  var written = String(value || "").replace("T", " ");
  var time = /^\d{4}-\d{2}-\d{2} (\d{2}:\d{2})/.exec(written);
  return newsdeskHumanDate(written) + " at " + (time ? time[1] : "00:00");
}

// Python's round(): halves to the even neighbour, so that sizes read as core/attachments.py writes them.
function roundHalfEven(value) {
  var floor = Math.floor(value), rest = value - floor;
  return rest > 0.5 || (rest === 0.5 && floor % 2) ? floor + 1 : floor;
}

// core/attachments.py's human_size: '245 KB', '1.2 MB' (1 KB = 1,024 bytes).
function newsdeskHumanSize(size) {
  if (size < 1024) return size + " bytes";
  if (size < 1024 * 1024) return roundHalfEven(size / 1024) + " KB";
  return (roundHalfEven(size / (1024 * 1024) * 10) / 10).toFixed(1) + " MB";
}

// core/pages/parts.py's attachment_facts, with what only the build knows said so: the site shows
// 'PDF, 245 KB, 12 pages'; the preview knows a file's size once it has the file, never its pages.
function newsdeskAttachmentFacts(kind, size, isFile) {
  var facts = [kind].filter(Boolean);
  if (!isFile) return facts.join(", ");
  if (size !== null && size !== undefined) facts.push(newsdeskHumanSize(size));
  var unknown = size === null || size === undefined ? (kind === "PDF" ? "size and page count" : "size")
    : (kind === "PDF" ? "page count" : "");
  return facts.join(", ") + (unknown ? (facts.length ? "; " : "") + unknown + " shown when the site is built" : "");
}

if (typeof CMS !== "undefined") {
  (function () {
    var site = JSON.parse(document.getElementById("newsdesk-site").textContent);
    // Absolute: the preview is drawn in a frame, where a relative address would not find them.
    site.stylesheets.forEach(function (href) { CMS.registerPreviewStyle(new URL(href, document.baseURI).href); });

    var table = null;  // text-unidecode's table, fetched the first time a new post is saved
    function spelling() {
      table = table || fetch(new URL("unidecode.bin", document.baseURI).href)
        .then(function (response) { return response.text(); })
        .then(function (text) { return text.split("\x00"); });
      return table;
    }

    CMS.registerEventListener({
      name: "preSave",
      handler: async function (event) {
        var entry = event.entry, data = entry.get("data");
        if (!entry.get("newRecord") || data.get("slug")) return undefined;
        return data.set("slug", newsdeskSlugFor(data.get("title") || "", await spelling(), site.entities));
      }
    });

    function list(value) {
      return value && value.toJS ? value.toJS() : (value || []);
    }

    // Decap's preview frame is a document without a language or a title (axe: html-has-lang,
    // document-title); give it the site's language and a title.
    function namePreview(element) {
      if (!element) return;
      var frame = element.ownerDocument;
      frame.documentElement.lang = site.language;
      if (frame.title !== "Preview") frame.title = "Preview";
    }

    // An attachment's facts: the size of a file the editor holds (just uploaded, or loaded from the
    // repository as a blob: address), read from the file itself; what it cannot know, it says so.
    var Facts = createClass({
      getInitialState: function () { return { size: null, url: null }; },
      componentDidMount: function () { this.measure(); },
      componentDidUpdate: function () { this.measure(); },
      measure: function () {
        var asset = this.props.asset, self = this;
        if (asset && asset.path === "empty.svg") asset = null;  // Decap's stand-in while it loads the file
        var url = asset ? String(asset) : "";
        if (!asset || url === this.state.url) return;
        if (asset.fileObj) return this.setState({ url: url, size: asset.fileObj.size });
        this.setState({ url: url, size: null });
        if (url.indexOf("blob:") === 0) {
          fetch(url).then(function (response) { return response.blob(); })
            .then(function (blob) { if (self.state.url === url) self.setState({ size: blob.size }); })
            .catch(function () { return null; });
        }
      },
      render: function () {
        var facts = newsdeskAttachmentFacts(this.props.kind, this.state.size, this.props.isFile);
        return facts ? h("span", { className: "nd-attachment__facts" }, " (" + facts + ")") : null;
      }
    });

    function section(name, heading, inner) {
      return h("section", { className: "nd-" + name, "aria-labelledby": "nd-" + name + "-heading" },
        h("h2", { id: "nd-" + name + "-heading" }, heading), inner);
    }

    // overrides/main.html's header band: the organisation's name as the site's text logo.
    function headerBand() {
      return h("header", { className: "md-header nd-header" },
        h("div", { className: "nd-header__inner md-grid" },
          h("a", { className: "nd-logo", href: new URL("../", document.baseURI).href },
            h("span", { className: "nd-logo__mark", "aria-hidden": "true" }),
            h("span", { className: "nd-logo__text" }, site.organisation))));
    }

    var Post = createClass({
      render: function () {
        var props = this.props, data = props.entry.get("data");
        var key = data.get("type");
        var type = site.types[key] || { label: "", release: false, lead: false };
        var author = site.authors[data.get("author") || site.default_author];
        var tags = list(data.get("tags"));
        var image = data.get("image");
        var contact = data.get("contact");
        var when = type.release ? newsdeskHumanDateTime(data.get("date")) : newsdeskHumanDate(data.get("date"));
        var scheduled = newsdeskScheduled(data.get("date"), site.timezone);
        var meta = [
          h("div", { key: "date" }, h("dt", null, "Published"), h("dd", null, when))
        ];
        if (data.get("updated")) meta.push(h("div", { key: "updated", className: "nd-updated" }, h("dt", null, "Updated"), h("dd", null, newsdeskHumanDate(data.get("updated")))));
        if (author) meta.push(h("div", { key: "author", className: "nd-author" }, h("dt", null, "By"), h("dd", null, author.name + (author.role ? ", " + author.role : ""))));
        // The release's own contact, or else its author's (authors.yml), as the site shows it.
        contact = contact && contact.get("name") ? contact.toJS() : (author && author.contact) || null;
        var attachments = list(data.get("attachments")).filter(function (item) { return item && item.title; });
        // The attachments' file field: its own folder (files/) is where Decap finds the file.
        var fileField = (props.collection.get("fields").find(function (f) { return f.get("name") === "attachments"; }) || new Map())
          .get("fields");
        fileField = fileField && fileField.find(function (f) { return f.get("name") === "file"; });
        var caption = data.get("image_caption"), credit = data.get("image_credit");
        var contactLines = [];
        if (contact && contact.name) {
          contactLines.push(h("p", { key: "name" }, contact.name + (contact.role ? ", " + contact.role : "")));
          if (contact.email) contactLines.push(h("p", { key: "email" }, "Email: ", h("a", { href: "mailto:" + contact.email }, contact.email)));
          if (contact.phone) contactLines.push(h("p", { key: "phone" }, "Telephone: ", h("a", { href: "tel:" + contact.phone.replace(/ /g, "") }, contact.phone)));
        }
        var formats = site.formats_email ? h("p", { key: "formats", className: "nd-formats" }, "If you need a document in a format that suits you better, such as large " +
          "print, easy read, audio or braille, email ", h("a", { href: "mailto:" + site.formats_email }, site.formats_email),
          " and say which document and format you need.") : null;
        var article = h("article", { className: "nd-post nd-post--" + key },
          h("header", { className: "nd-post__header" },
            h("p", { className: "nd-label nd-label--" + key }, type.label),
            // The build lists a future post as scheduled; say exactly when, in the site's time zone.
            scheduled ? h("p", { className: "nd-status nd-status--scheduled" }, h("strong", null, "Scheduled"),
              " to go live on " + newsdeskExactTime(data.get("date")) + " (" + site.timezone + " time)") : null,
            h("h1", null, data.get("title") || ""),
            h("dl", { className: "nd-meta" }, meta),
            tags.length ? h("p", { className: "nd-tags-heading" }, "Tags") : null,
            tags.length ? h("ul", { className: "nd-tags" }, tags.map(function (tag) {
              return h("li", { key: tag }, h("a", { href: new URL("../tags/", document.baseURI).href }, tag));
            })) : null
          ),
          type.lead && data.get("summary") ? h("p", { className: "nd-lead" }, data.get("summary")) : null,
          image ? h("figure", { className: "nd-figure" },
            h("img", { className: "nd-hero", src: String(props.getAsset(image)), alt: data.get("image_alt") || "" }),
            caption || credit ? h("figcaption", null, caption || null, caption && credit ? " " : null,
              credit ? h("span", { className: "nd-credit" }, credit) : null) : null) : null,
          h("div", { className: "nd-post__body" }, props.widgetFor("body")),
          type.release ? h("p", { className: "nd-ends" }, "Ends") : null,
          data.get("notes_to_editors") ? section("notes", "Notes to editors", props.widgetFor("notes_to_editors")) : null,
          contactLines.length ? section("contact", "Media contact", h("address", null, contactLines)) : null,
          attachments.length ? section("attachments", "Attachments", [
            h("ul", { key: "list" }, attachments.map(function (item, index) {
              var asset = item.file ? props.getAsset(item.file, fileField) : null;
              return h("li", { key: index }, h("a", { href: item.file ? String(asset) : item.url }, item.title),
                h(Facts, { asset: asset, kind: newsdeskKind(item.file || item.url), isFile: Boolean(item.file) }));
            })), formats]) : null
        );
        // The page's frame: the header band, then the content column as overrides/main.html has it.
        return h("div", { ref: namePreview },
          headerBand(),
          h("main", { className: "md-main" }, h("div", { className: "md-main__inner md-grid" },
            h("div", { className: "md-content" }, h("div", { className: "md-content__inner md-typeset" }, article)))));
      }
    });
    Object.keys(site.types).forEach(function (key) { CMS.registerPreviewTemplate(key, Post); });
  })();
}

// Decap's notice on Save says only "you've missed a required field": name each field it marked and
// move focus to the first one's box. Decap marks a field by a list of errors (ControlErrorsList)
// beside its label; the label's `for` is the box's id.
function newsdeskMissingFields(root) {
  var found = [];
  root.querySelectorAll("[class*=ControlErrorsList]").forEach(function (errors) {
    if (!errors.querySelector("li")) return;
    var control = errors.closest("[class*=ControlContainer]") || errors.parentElement;
    var label = control && control.querySelector("label[for]");
    if (label) found.push({ label: label.textContent.replace(/\s*\(optional\)\s*$/i, "").trim(), id: label.htmlFor });
  });
  return found;
}

function newsdeskNameMissingFields() {
  var notice = document.getElementById("nd-missing");
  var fields = newsdeskMissingFields(document);
  if (!fields.length) return;
  if (!notice) {
    notice = document.createElement("div");
    notice.id = "nd-missing";
    notice.setAttribute("role", "alert");
    notice.style.cssText = "position:fixed;left:50%;transform:translateX(-50%);bottom:16px;z-index:1000;" +
      "background:#fff;color:#b00020;border:2px solid #b00020;padding:8px 16px;font-weight:600;max-width:90%";
    document.body.appendChild(notice);
  }
  notice.textContent = (fields.length === 1 ? "Fill in this field before saving: " : "Fill in these fields before saving: ") +
    fields.map(function (field) { return field.label; }).join(", ") + ".";
  var box = document.getElementById(fields[0].id);
  if (box) box.focus();
}

if (typeof document !== "undefined" && typeof MutationObserver !== "undefined") {
  new MutationObserver(function (changes) {
    var shown = changes.some(function (change) {
      return Array.prototype.some.call(change.addedNodes, function (node) {
        return node.id !== "nd-missing" && /missed a required field/i.test(node.textContent || "");
      });
    });
    if (shown) setTimeout(newsdeskNameMissingFields, 0);  // after Decap has drawn the fields' errors
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (typeof module !== "undefined") module.exports = { slugFor: newsdeskSlugFor, humanDate: newsdeskHumanDate,
  humanDateTime: newsdeskHumanDateTime, scheduled: newsdeskScheduled, kind: newsdeskKind, exactTime: newsdeskExactTime,
  humanSize: newsdeskHumanSize, attachmentFacts: newsdeskAttachmentFacts };
