// The annuaire's enhancements; everything works without them.
// - « Liste / Carte »: the links reload the page with ?vue=carte (no JavaScript needed); here they switch
//   at once and update the address, so that the view can still be shared (annuaire-map.js then loads
//   Leaflet and draws the map, or leaves the list of places if it cannot).
// - « Autour de moi » (hidden without JavaScript by directory.css): the browser's position, rounded to two
//   decimals (about 1 km) before it leaves the browser, sent as pres_de=lat,lon.
(function () {
  "use strict";

  var list = document.querySelector("[data-annuaire-list]");
  var map = document.querySelector("[data-annuaire-map]");
  var switches = document.querySelectorAll(".view-switch [data-view]");
  if (list && map && switches.length) {
    switches.forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var view = link.getAttribute("data-view");
        list.hidden = view === "carte";
        map.hidden = view !== "carte";
        switches.forEach(function (other) {
          if (other === link) other.setAttribute("aria-current", "page");
          else other.removeAttribute("aria-current");
        });
        if (window.history && window.history.replaceState) window.history.replaceState(null, "", link.href);
        document.dispatchEvent(new CustomEvent("annuaire:view", { detail: view }));
      });
    });
  }

  var locate = document.querySelector("[data-locate]");
  if (!locate) return;
  if (!navigator.geolocation) {
    locate.remove();
    return;
  }
  var status = document.querySelector("[data-locate-status]");
  var form = locate.form;
  var field = form && form.querySelector("[name=pres_de]");
  function say(text) { if (status) status.textContent = text; }
  locate.addEventListener("click", function () {
    say(locate.getAttribute("data-locating"));
    locate.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        // Rounded here: the exact position never leaves the browser.
        var lat = position.coords.latitude.toFixed(2);
        var lon = position.coords.longitude.toFixed(2);
        field.value = lat + "," + lon;
        form.submit();
      },
      function () {
        locate.disabled = false;
        say(locate.getAttribute("data-denied"));
      },
      { enableHighAccuracy: false, maximumAge: 600000, timeout: 15000 }
    );
  });
})();
