/*
 * Load the search index only when someone starts to search. Material requests
 * search/search_index.json (with XMLHttpRequest) as every page loads; with hundreds of posts that
 * is most of a first visit's transfer, paid by readers who never search, on slow school networks
 * too. This holds that one request back until the search field is focused or its icon is used.
 * It must run before Material's bundle, so it is loaded in <head>.
 */
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var released = false;
  var waiting = [];

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.newsdeskIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.newsdeskIndex || released) return send.apply(this, arguments);
    var request = this, args = arguments;
    waiting.push(function () { send.apply(request, args); });
  };

  function wantsSearch(event) {
    var target = event.target;
    if (target && target.closest && target.closest("form[name=search], label[for=__search]")) release();
  }
  document.addEventListener("focusin", wantsSearch, true);
  document.addEventListener("pointerdown", wantsSearch, true);
  // A page opened from a search result (?q=... for highlighting) needs the index straight away.
  if (/[?&]q=/.test(location.search)) release();
})();
