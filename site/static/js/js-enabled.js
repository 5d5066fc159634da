// Marks <html> as running JavaScript before the page is drawn (loaded from <head>, not deferred): styles
// that only make sense with the enhancements key on `.js`. A file rather than an inline script, for the
// Content-Security-Policy (script-src 'self').
document.documentElement.classList.replace("no-js", "js");

// The main menu is rendered open (so it works without JavaScript), but with `.js` the CSS draws it folded on
// small screens from the first paint. Once the document is parsed, fold the disclosure itself and mark it
// ready, so its own state rules from then on: nothing moves (no layout shift). Done here rather than in the
// deferred pdn.js so the menu never stays hidden when `.js` is set: both come from this one file.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var disclosure = document.querySelector("[data-nav-disclosure]");
  if (!disclosure) {
    return;
  }
  if (window.matchMedia && window.matchMedia("(max-width: 47.99rem)").matches) {
    disclosure.open = false;
  }
  disclosure.setAttribute("data-nav-ready", "");
});
