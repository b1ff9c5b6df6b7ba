/* The browser editor's own fields (loaded after preview.js by admin/index.html; config.yml names them):
   - nd-datetime: a date typed and shown day/month/year ('10/12/2026 00:01', `display_format`) and
     stored as the validator reads it ('2026-12-10 00:01', `format`). Decap 3's datetime widget is the
     browser's own date box, which shows the date in the browser's language's order (a US date in a
     US-English browser) and cannot be told otherwise.
   - nd-string: a line of text that is needed only in some entries (`required_when`): image_alt with
     an image, a press release's contact name when its author has no contact of their own. Decap's
     `required` cannot depend on another field, so the check is this widget's isValid.
   - the workflow board's cards give their date day-month-year (Decap's en phrase is 'MMMM D'). */
"use strict";

var DATE_TOKENS = /YYYY|MM|DD|HH|mm/g;

function newsdeskDatePattern(format, lenient) {
  var names = [];
  var source = format.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(DATE_TOKENS, function (token) {
    names.push(token);
    return token === "YYYY" ? "(\\d{4})" : lenient ? "(\\d{1,2})" : "(\\d{2})";
  });
  if (lenient) source = source.replace(/ /g, "[\\sT,]+").replace(/\\\//g, "[/.-]");
  return { names: names, regex: new RegExp("^" + source + "$") };
}

// The parts of `text` written in `format`, or null when it is not a real date and time.
function newsdeskParseDate(text, format, lenient) {
  var pattern = newsdeskDatePattern(format, lenient);
  var match = pattern.regex.exec(lenient ? String(text).trim() : String(text));
  if (!match) return null;
  var parts = { HH: "00", mm: "00" };
  pattern.names.forEach(function (name, index) { parts[name] = match[index + 1].padStart(2, "0"); });
  var year = Number(parts.YYYY), month = Number(parts.MM), day = Number(parts.DD);
  var last = new Date(Date.UTC(year, month, 0)).getUTCDate();  // the month's last day
  if (month < 1 || month > 12 || day < 1 || day > last || Number(parts.HH) > 23 || Number(parts.mm) > 59) return null;
  return parts;
}

function newsdeskFormatDate(parts, format) {
  return format.replace(DATE_TOKENS, function (token) { return parts[token]; });
}

// A format's date alone: 'DD/MM/YYYY HH:mm' -> 'DD/MM/YYYY' (a date without a time is midnight).
function dateOnly(format) {
  return format.split(" ")[0];
}

// What the box shows for a stored value: day/month/year, or the text as typed when it is no date.
function newsdeskShownDate(value, stored, shown) {
  var text = String(value === undefined || value === null ? "" : value);
  var parts = newsdeskParseDate(text, stored);
  if (parts) return newsdeskFormatDate(parts, shown);
  parts = newsdeskParseDate(text, dateOnly(stored));
  return parts ? newsdeskFormatDate(parts, dateOnly(shown)) : text;
}

// What is stored for the text in the box: the date as the validator reads it, or, while the text is
// not (yet) a date, the text itself, which the field's pattern refuses on Save. `lenient` (on
// leaving the box): '1/7/2026 9:30' too. A date typed in the stored order is taken as it is.
function newsdeskStoredDate(text, stored, shown, lenient) {
  if (String(text).trim() === "") return "";
  var readings = [[shown, stored], [dateOnly(shown), dateOnly(stored)], [stored, stored],
    [stored.replace(" ", "T"), stored], [dateOnly(stored), dateOnly(stored)]];
  for (var i = 0; i < readings.length; i++) {
    var parts = newsdeskParseDate(text, readings[i][0], lenient);
    if (parts) return newsdeskFormatDate(parts, readings[i][1]);
  }
  return String(text);
}

function pathValue(data, path) {
  return path.split(".").reduce(function (value, name) { return value && value[name]; }, data);
}

function filled(value) {
  return value !== undefined && value !== null && String(value).trim() !== "";
}

// Whether a field with `required_when` is needed in this entry (`data`: the entry's fields as plain
// data): when one of the `filled` fields has a value, or (`author_without_contact`) when the post's
// author, or else the site's default author, has no contact in authors.yml.
function newsdeskNeeded(rule, data, site) {
  if ((rule.filled || []).some(function (path) { return filled(pathValue(data, path)); })) return true;
  if (rule.author_without_contact) {
    var author = site.authors[data.author || site.default_author];
    return !(author && author.contact);
  }
  return false;
}

// Why the field is needed or not, for the line under the box.
function newsdeskNeededBecause(rule, data, site) {
  var author = site.authors[data.author || site.default_author];
  var needed = newsdeskNeeded(rule, data, site);
  if (rule.author_without_contact && author && author.contact && !needed) {
    return "Not needed: leave the contact empty and the release gives " + author.name + "'s contact, " + author.contact.name + ".";
  }
  if (rule.author_without_contact && needed && !(author && author.contact)) {
    return "Needed: " + (author ? author.name + " has" : "the author has") + " no press contact in the authors file.";
  }
  return needed ? "Needed, because " + rule.because + "." : "";
}

if (typeof CMS !== "undefined") {
  (function () {
    var site = JSON.parse(document.getElementById("newsdesk-site").textContent);
    var NOTE = { margin: "6px 0 0", fontSize: "13px", color: "#313d3e" };  // beside Decap's own hints

    var DateControl = createClass({
      leave: function (event) {
        var field = this.props.field;
        var stored = newsdeskStoredDate(event.target.value, field.get("format"), field.get("display_format"), true);
        if (stored !== this.props.value) this.props.onChange(stored);
        this.props.setInactiveStyle();
      },
      render: function () {
        var props = this.props, field = props.field, shown = field.get("display_format");
        var example = newsdeskFormatDate({ DD: "19", MM: "12", YYYY: "2024", HH: "09", mm: "30" }, shown);
        return h("div", null,
          h("input", {
            type: "text", id: props.forID, className: props.classNameWrapper, inputMode: "numeric", autoComplete: "off",
            placeholder: shown.toLowerCase(), "aria-describedby": "nd-format-" + props.forID,
            value: newsdeskShownDate(props.value, field.get("format"), shown),
            onChange: function (event) { props.onChange(newsdeskStoredDate(event.target.value, field.get("format"), shown, false)); },
            onFocus: props.setActiveStyle, onBlur: this.leave
          }),
          h("p", { id: "nd-format-" + props.forID, className: "nd-field-format", style: NOTE },
            "Day/month/year" + (shown === dateOnly(shown) ? "" : " and 24-hour time") + ", such as " + example + "."));
      }
    });
    var schema = { properties: { format: { type: "string" }, display_format: { type: "string" } } };
    CMS.registerWidget("nd-datetime", DateControl, function (props) { return h("span", null, props.value || ""); }, schema);

    var TextControl = createClass({
      rule: function () { return this.props.field.get("required_when").toJS(); },
      data: function () { return this.props.getEntry().get("data").toJS(); },
      // The line under the box follows the fields it depends on. Decap redraws a field inside a group
      // only when the group's value changes, not when the author does: so look twice a second.
      shouldComponentUpdate: function () { return true; },
      componentDidMount: function () {
        var self = this;
        this.timer = setInterval(function () {
          if (newsdeskNeededBecause(self.rule(), self.data(), site) !== self.shown) self.forceUpdate();
        }, 500);
      },
      componentWillUnmount: function () { clearInterval(this.timer); },
      isValid: function () {
        if (filled(this.props.value) || !newsdeskNeeded(this.rule(), this.data(), site)) return true;
        var label = this.props.field.get("label");
        return { error: { type: "PRESENCE", parentIds: this.props.parentIds,
          message: label + " is needed: " + newsdeskNeededBecause(this.rule(), this.data(), site).replace(/^Needed(, because |: )/, "") } };
      },
      render: function () {
        var props = this.props;
        var because = this.shown = newsdeskNeededBecause(this.rule(), this.data(), site);
        return h("div", null,
          h("input", {
            type: "text", id: props.forID, className: props.classNameWrapper, value: props.value || "",
            "aria-describedby": because ? "nd-needed-" + props.forID : undefined,
            onChange: function (event) { props.onChange(event.target.value); },
            onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle
          }),
          because ? h("p", { id: "nd-needed-" + props.forID, className: "nd-field-needed", style: NOTE }, because) : null);
      }
    });
    CMS.registerWidget("nd-string", TextControl, function (props) { return h("span", null, props.value || ""); },
      { properties: { required_when: { type: "object" } } });

    // A group whose every part was emptied again is left out, as if never touched: `newsdesk check`
    // reads `contact: {email: ""}` as a contact without a name, the form as no contact at all.
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        var data = event.entry.get("data");
        var emptied = data.filter(function (value) {
          var plain = value && typeof value.toJS === "function" ? value.toJS() : null;  // a group, not a list
          return plain && typeof plain === "object" && !Array.isArray(plain) &&
            Object.keys(plain).every(function (part) { return !filled(plain[part]); });
        });
        return emptied.size ? data.deleteAll(emptied.keySeq()) : undefined;
      }
    });

    // The cards' "last change" date, day-month-year (config.yml sets `locale: en-GB`).
    CMS.registerLocale("en-GB", { workflow: { workflow: { dateFormat: "D MMMM YYYY" } } });
  })();
}

if (typeof module !== "undefined") module.exports = { parseDate: newsdeskParseDate, shownDate: newsdeskShownDate,
  storedDate: newsdeskStoredDate, needed: newsdeskNeeded, neededBecause: newsdeskNeededBecause };
