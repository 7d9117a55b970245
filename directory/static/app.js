// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  var query = document.getElementById("q");

  // Advocates' keys (listed on the results page, "?" opens the list): "/" search box, j / k
  // next / previous result, x check it for the referral, r referral sheet language. They work
  // from a result's checkbox too, never while typing in a field.
  var shortcuts = document.getElementById("shortcuts");
  if (shortcuts) { shortcuts.hidden = false; }
  function isTyping(target) {
    if (!target || !target.tagName) { return false; }
    if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") {
      return true;
    }
    return target.tagName === "INPUT" && target.type !== "checkbox" && target.type !== "radio";
  }
  function results() {
    return Array.prototype.slice.call(document.querySelectorAll(".listings-list > li"));
  }
  function currentResult(rows) {
    for (var i = 0; i < rows.length; i += 1) {
      if (rows[i].contains(document.activeElement)) { return i; }
    }
    return -1;
  }
  var keys = {
    "/": function () {
      if (!query) { return false; }
      query.focus();
      query.select();
    },
    "j": function () { return move(1); },
    "k": function () { return move(-1); },
    "x": function () {
      var rows = results();
      var index = currentResult(rows);
      if (index < 0) { return false; }
      var box = rows[index].querySelector("input[name=pick]");
      box.checked = !box.checked;
    },
    "r": function () {
      var language = document.getElementById("for_lang");
      if (!language) { return false; }
      language.focus();
    },
    "?": function () {
      if (!shortcuts) { return false; }
      shortcuts.open = !shortcuts.open;
      shortcuts.querySelector("summary").focus();
    }
  };
  function move(step) {
    var rows = results();
    if (!rows.length) { return false; }
    var index = currentResult(rows);
    var onCheckbox = document.activeElement && document.activeElement.name === "pick";
    index = index < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, index + step));
    rows[index].querySelector(onCheckbox ? "input[name=pick]" : ".listing-name a").focus();
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) { return; }
    var action = keys[event.key];
    if (action && action() !== false) { event.preventDefault(); }
  });

  // "Use my location" fills the near box; the position goes nowhere until the form is sent,
  // and then only to this site.
  var locate = document.getElementById("use-location");
  var near = document.getElementById("near");
  if (locate && near && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        near.value = position.coords.latitude.toFixed(4) + "," + position.coords.longitude.toFixed(4);
      }, function () { near.focus(); }, { maximumAge: 300000, timeout: 10000 });
    });
  }

  var printButton = document.getElementById("print-sheet");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  var copyable = document.querySelectorAll("textarea[readonly], .copy-link input");
  Array.prototype.forEach.call(copyable, function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
}());
