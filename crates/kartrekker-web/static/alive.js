// While the person types in a form, tell the server now and then that they
// are still there: the session's idle time (30 minutes) is about requests,
// and a long reflection can take longer to write than that.
(function () {
  var last = Date.now();
  document.addEventListener("input", function () {
    if (Date.now() - last < 60000) return;
    last = Date.now();
    fetch("/session/alive", { credentials: "same-origin", cache: "no-store" });
  });
})();
