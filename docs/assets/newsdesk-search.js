/*
 * The search page (/search/), on Pagefind's JavaScript API. Nothing is fetched until a reader
 * starts to search: then pagefind/pagefind.js loads, and it fetches only the parts of the index the
 * words need. The result count is announced in a polite live region once typing pauses; results
 * are a list of links; the filters are the page's own <select>s, each option with its count.
 * The address (?q=&type=&tag=&year=&sort=) always says what is shown, so it can be bookmarked.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-nd-search]");
  if (!root) return;
  var form = root.querySelector("form");
  var field = form.elements.q;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var order = form.elements.sort;
  var status = root.querySelector("[data-nd-search-status]");
  var list = root.querySelector("[data-nd-search-results]");
  var more = root.querySelector("[data-nd-search-more]");
  var base = new URL(root.getAttribute("data-base"), location.href);
  var PAUSE = 400;   // ms of no typing before a search runs and its count is announced
  var STEP = 10;     // results shown at a time
  var loading = null, timer = null, latest = 0, current = null, shown = 0;

  root.hidden = false;
  var fallback = document.querySelector("[data-nd-search-nojs]");
  if (fallback) fallback.hidden = true;

  // Option texts without counts, to add the counts to.
  selects.concat([order]).forEach(function (select) {
    Array.prototype.forEach.call(select.options, function (option) { option.setAttribute("data-label", option.text); });
  });

  var failures = 0;
  function pagefind() {
    if (!loading) {
      // After a failure (the index not there yet, a dropped connection) the next search tries
      // again, under another address: a browser remembers a module that failed to load.
      var url = new URL("pagefind/pagefind.js" + (failures ? "?try=" + failures : ""), base).href;
      loading = import(url).then(function (api) {
        return Promise.resolve(api.options({ baseUrl: base.pathname })).then(function () {
          return api;
        });
      }).catch(function (error) {
        loading = null;
        failures += 1;
        throw error;
      });
    }
    return loading;
  }

  function filtersExcept(skip) {
    var filters = {};
    selects.forEach(function (select) {
      var key = select.getAttribute("data-filter");
      if (select.value && key !== skip) filters[key] = select.value;
    });
    return filters;
  }

  function options(filters) {
    var chosen = { filters: filters };
    if (order.value === "newest") chosen.sort = { date: "desc" };
    return chosen;
  }

  function remember() {
    var params = new URLSearchParams();
    if (field.value.trim()) params.set("q", field.value.trim());
    selects.concat([order]).forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function plural(count) {
    return count === 1 ? "1 result" : count + " results";
  }

  // Pagefind counts results by filter once its filter files are loaded. Readers who never touch
  // the filters never download them: they load when focus first enters the filters, or at once
  // when the address chose a filter.
  var counting = false;
  function countWith(api) {
    return counting ? Promise.resolve(api.filters()).then(function () { return api; }) : Promise.resolve(api);
  }

  // Each option's count: the results it would give with the other filters as they are.
  function showCounts(api, query, search, run) {
    if (!counting) return Promise.resolve();
    return Promise.all(selects.map(function (select) {
      var key = select.getAttribute("data-filter");
      var without = filtersExcept(key);
      var found = select.value ? api.search(query, options(without)) : Promise.resolve(search);
      return found.then(function (result) {
        if (run !== latest || !result) return;
        var counts = (result.filters && result.filters[key]) || {};
        Array.prototype.forEach.call(select.options, function (option) {
          var label = option.getAttribute("data-label");
          var count = option.value ? (counts[option.value] || 0) : result.results.length;
          option.text = label + " (" + count + ")";
        });
      });
    }));
  }

  function clearCounts() {
    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) { option.text = option.getAttribute("data-label"); });
    });
  }

  // Pagefind's excerpt is HTML with <mark> round the words found; keep only text and <mark>.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var out = document.createDocumentFragment();
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "nd-search__result";
    var heading = document.createElement("h2");
    heading.className = "nd-search__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    li.appendChild(heading);
    var about = document.createElement("p");
    about.className = "nd-search__meta";
    about.textContent = [data.meta && data.meta.type, data.meta && data.meta.date].filter(Boolean).join(" · ");
    li.appendChild(about);
    var text = document.createElement("p");
    text.className = "nd-search__excerpt";
    text.appendChild(excerpt(data.excerpt));
    li.appendChild(text);
    return li;
  }

  function showMore(run, focus) {
    var next = current.results.slice(shown, shown + STEP);
    shown += next.length;
    more.hidden = shown >= current.results.length;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (data) {
      if (run !== latest) return;
      var first = null;
      data.forEach(function (one) {
        var added = list.appendChild(item(one));
        first = first || added.querySelector("a");
      });
      if (focus && first) first.focus();  // the button may be gone: carry on from the first new result
    });
  }

  function describe(query, count) {
    var chosen = selects.filter(function (select) { return select.value; }).map(function (select) { return select.value; });
    var text = count === 0 ? "No results" : plural(count);
    if (query) text += " for \u201c" + query + "\u201d";
    if (chosen.length) text += " in " + chosen.join(", ");
    return text + (count === 0 ? ". Try other words, or fewer filters." : ".");
  }

  function run() {
    clearTimeout(timer);
    var mine = ++latest;
    var query = field.value.trim();
    var filters = filtersExcept(null);
    remember();
    if (!query && !Object.keys(filters).length) {
      current = null;
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      clearCounts();
      return Promise.resolve();
    }
    return pagefind().then(countWith).then(function (api) {
      return api.search(query || null, options(filters)).then(function (search) {
        if (mine !== latest || !search) return;
        current = search;
        shown = 0;
        list.textContent = "";
        return Promise.all([showMore(mine), showCounts(api, query || null, search, mine)]).then(function () {
          if (mine === latest) status.textContent = describe(query, search.results.length);
        });
      });
    }).catch(function (error) {
      if (mine !== latest) return;
      status.textContent = "Search is not working at the moment. Please try again later, or use the tags page or the archive.";
      if (window.console) console.error(error);
    });
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, PAUSE);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  selects.concat([order]).forEach(function (select) { select.addEventListener("change", run); });
  form.querySelector("fieldset").addEventListener("focusin", function () {
    if (counting) return;
    counting = true;
    var query = field.value.trim(), mine = latest;
    if (!current) return;
    pagefind().then(countWith).then(function (api) {
      return api.search(query || null, options(filtersExcept(null))).then(function (search) {
        if (mine === latest && search) return showCounts(api, query || null, search, mine);
      });
    });
  });
  more.addEventListener("click", function () {
    if (current) showMore(latest, true);
  });

  // An address with ?q= (from the header's box, or a bookmark) searches at once.
  var params = new URLSearchParams(location.search);
  field.value = params.get("q") || "";
  selects.concat([order]).forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
  });
  counting = Object.keys(filtersExcept(null)).length > 0;
  if (field.value.trim() || counting) run();
})();
