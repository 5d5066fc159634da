// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // Main menu: rendered open (so it works without JavaScript); on small screens it folds into a
  // "Menu" disclosure button, on wide screens it always stays open (its toggle is hidden by CSS).
  var disclosure = document.querySelector("[data-nav-disclosure]");
  if (disclosure && window.matchMedia) {
    var small = window.matchMedia("(max-width: 47.99rem)");
    var sync = function () {
      disclosure.open = !small.matches;
    };
    sync();
    if (small.addEventListener) {
      small.addEventListener("change", sync);
    }
    // Escape closes the open menu on small screens and gives focus back to its button.
    disclosure.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && small.matches && disclosure.open) {
        disclosure.open = false;
        disclosure.querySelector("summary").focus();
      }
    });
  }
})();
