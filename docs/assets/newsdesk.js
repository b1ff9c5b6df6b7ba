/*
 * WCAG 2.1.4 Character Key Shortcuts: Material's single-key shortcuts ('s', 'f' and '/' jump to
 * search; 'n', 'p', '.' and ',' change page) fire on stray key presses and speech input, and
 * cannot be turned off. This stops those keys before Material's window listener sees them.
 * Typing in a field is untouched, and search is still one Tab away.
 */
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (["s", "S", "f", "F", "/", "n", "N", "p", "P", ".", ","].indexOf(event.key) < 0) return;
  var target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  event.stopPropagation();
}, true);

/*
 * The phone's folds (the header's search and the menu, <details> elements that work without this):
 * Escape closes the one focus is in and puts focus back on its button. A browser too old to show a
 * closed <details>' content on a wide screen (no ::details-content) gets them opened there instead.
 */
(function () {
  var folds = document.querySelectorAll(".nd-fold");
  var wide = window.matchMedia && window.matchMedia("(min-width: 40em)").matches;
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  Array.prototype.forEach.call(folds, function (fold) {
    if (wide && !styled) fold.open = true;
    fold.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !fold.open || (wide && styled)) return;
      fold.open = false;
      fold.querySelector("summary").focus();
    });
  });
})();
