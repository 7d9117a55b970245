// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  var query = document.getElementById("q");

  // "/" jumps to the search box, as on many sites advocates already use.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "/" && query) {
      event.preventDefault();
      query.focus();
      query.select();
    } else if (event.key === "j" || event.key === "k") {
      // j / k move between results.
      var links = Array.prototype.slice.call(document.querySelectorAll(".listing-name a"));
      if (!links.length) { return; }
      var index = links.indexOf(document.activeElement);
      index = event.key === "j" ? Math.min(links.length - 1, index + 1) : Math.max(0, index - 1);
      links[index].focus();
    }
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
