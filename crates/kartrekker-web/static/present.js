// The projector page (mirror session): arrow keys, PageDown and PageUp go
// to the next or previous slide. Presentation clickers send those keys.
// Not while typing in the agreement form on the last slide.
document.addEventListener("keydown", function (e) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  var t = e.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  var rel = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev" }[e.key];
  var link = rel && document.querySelector('a[rel="' + rel + '"]');
  if (link) {
    e.preventDefault();
    window.location.href = link.href;
  }
});
