// Quick exit: leave with location.replace so Back does not return here.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) { return; }
  var target = link.getAttribute("data-exit-url") || link.href;
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.title = "";
    document.body.innerHTML = "";
    window.location.replace(target);
  }
  link.addEventListener("click", leave);

  // Shift pressed three times ALONE (as GOV.UK's "Exit this page"): a press counts only if no
  // other key went down while Shift was held (so capitals and Shift+Tab never count), any
  // other key starts the count again, and each press must follow the last within a second.
  var WINDOW_MS = 1000;
  var presses = 0;
  var last = 0;
  var alone = false;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      alone = false;
    } else if (!event.repeat) {
      alone = true;
    }
  }, true);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    if (!alone) { presses = 0; return; }
    alone = false;
    var now = Date.now();
    presses = now - last <= WINDOW_MS ? presses + 1 : 1;
    last = now;
    if (presses >= 3) {
      presses = 0;
      leave();
    }
  }, true);
  // A click or a tap between presses also breaks the sequence.
  document.addEventListener("pointerdown", function () { presses = 0; alone = false; }, true);
}());
