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
