// Map of the annuaire's results (progressive enhancement). Without JavaScript, or if Leaflet or the tile
// server is unavailable, the map section keeps its list of places: the list of results is the content.
// Promeneurs of one place are clustered (Leaflet.markercluster) with their count; the town searched near,
// or the rounded position of « Autour de moi », is marked « Vous êtes ici ».
// Leaflet is loaded only for the map: the map view (?vue=carte) loads it with the page; the list view loads
// it (scripts and stylesheets, from data-leaflet-* of the map section) when « Carte » is chosen.
(function () {
  "use strict";
  var section = document.querySelector("[data-annuaire-map]");
  var dataNode = document.getElementById("annuaire-map-data");
  if (!section || !dataNode) return;
  var points;
  try {
    points = JSON.parse(dataNode.textContent);
  } catch (error) {
    return;
  }
  if (!points.length || !section.dataset.tileUrl) return;
  var here = null;
  var hereNode = document.getElementById("annuaire-map-here");
  if (hereNode) {
    try { here = JSON.parse(hereNode.textContent); } catch (error) { here = null; }
  }

  var map = null;
  var loading = null;

  function stylesheet(href) {
    return new Promise(function (resolve) {
      var present = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
        return link.getAttribute("href") === href;
      });
      if (!href || present) { resolve(); return; }
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.onload = link.onerror = function () { resolve(); };
      document.head.appendChild(link);
    });
  }

  function script(src) {
    return new Promise(function (resolve) {
      var node = document.createElement("script");
      node.src = src;
      node.async = false; // run in the order they were added: Leaflet, then its plugin
      node.onload = node.onerror = function () { resolve(); };
      document.head.appendChild(node);
    });
  }

  // Resolves once Leaflet (and markercluster, if it loads) and their stylesheets are there; a script that
  // fails leaves window.L undefined, and the list of places stays.
  function leaflet() {
    if (!loading) {
      var data = section.dataset;
      var waits = [stylesheet(data.leafletCss), stylesheet(data.leafletClusterCss)];
      if (!window.L && data.leafletJs) waits.push(script(data.leafletJs));
      if (!(window.L && window.L.markerClusterGroup) && data.leafletClusterJs) waits.push(script(data.leafletClusterJs));
      loading = Promise.all(waits);
    }
    return loading;
  }

  function show() {
    leaflet().then(function () {
      if (window.L) draw();
    });
  }

  function popupFor(point) {
    // Built with DOM nodes, not HTML strings: names come from editors.
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    popup.appendChild(strong);
    [point.job, point.structure + (point.town ? " – " + point.town : ""), point.distance].forEach(function (line) {
      if (!line) return;
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(line));
    });
    return popup;
  }

  function draw() {
    if (map) { map.invalidateSize(); return; }
    var L = window.L;
    var canvas = section.querySelector("[data-annuaire-map-canvas]");
    canvas.textContent = "";
    L.Icon.Default.imagePath = section.dataset.iconPath;
    map = L.map(canvas, { scrollWheelZoom: false });
    L.tileLayer(section.dataset.tileUrl, { attribution: section.dataset.attribution, maxZoom: 18 }).addTo(map);
    var clusterLabel = section.dataset.clusterLabel || "";
    var group = L.markerClusterGroup
      ? L.markerClusterGroup({
          showCoverageOnHover: false,
          spiderfyOnMaxZoom: true,
          maxClusterRadius: 40,
          iconCreateFunction: function (cluster) {
            var count = cluster.getChildCount();
            return L.divIcon({
              html: '<span aria-hidden="true">' + count + "</span>",
              className: "map-cluster",
              iconSize: L.point(40, 40)
            });
          }
        })
      : L.layerGroup();
    var bounds = [];
    points.forEach(function (point) {
      var marker = L.marker([point.lat, point.lon], { title: point.name + " – " + point.structure, alt: point.name });
      marker.bindPopup(popupFor(point));
      group.addLayer(marker);
      bounds.push([point.lat, point.lon]);
    });
    if (group.on) {
      // The cluster's count is also said in words (its title), for screen readers and on hover.
      group.on("animationend spiderfied unspiderfied", labelClusters);
      map.on("zoomend moveend", labelClusters);
    }
    group.addTo(map);
    if (here) {
      L.circleMarker([here.lat, here.lon], { radius: 9, color: "#10264a", weight: 3, fillColor: "#ffb347", fillOpacity: 1 })
        .bindTooltip(section.dataset.hereLabel + (here.label ? " : " + here.label : ""), { permanent: false })
        .addTo(map);
      bounds.push([here.lat, here.lon]);
    }
    if (bounds.length === 1) {
      map.setView(bounds[0], 12);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
    }
    labelClusters();

    function labelClusters() {
      section.querySelectorAll(".map-cluster").forEach(function (node) {
        var count = node.textContent.trim();
        node.setAttribute("title", count + " " + clusterLabel);
        node.setAttribute("aria-label", count + " " + clusterLabel);
      });
    }
  }

  // Drawn when the map is shown (« Carte »), not before: a hidden map has no size.
  if (!section.hidden) show();
  document.addEventListener("annuaire:view", function (event) {
    if (event.detail === "carte") show();
  });
})();
