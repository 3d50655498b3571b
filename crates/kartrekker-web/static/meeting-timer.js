// The run view of a meeting: counts the agenda item's timebox down from the
// minutes the page shows (data-seconds). Without it the page shows the
// minutes, and the links go from item to item. Arrow keys move like present.js.
(function () {
  var el = document.getElementById("time-left");
  if (!el) return;
  var left = parseInt(el.getAttribute("data-seconds"), 10);
  if (!(left > 0)) return;
  var over = el.getAttribute("data-over") || "";
  function show() {
    var s = Math.abs(left), text = Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
    el.textContent = left < 0 ? over + " " + text : text;
    if (left < 0) el.className = "time-left over";
  }
  show();
  setInterval(function () { left -= 1; show(); }, 1000);
})();
