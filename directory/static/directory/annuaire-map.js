// Map of the annuaire's results (progressive enhancement). Without JavaScript, or if Leaflet or the tile
// server is unavailable, the map stays hidden: the list of results above is the content.
(function () {
  "use strict";
  var section = document.querySelector("[data-annuaire-map]");
  var dataNode = document.getElementById("annuaire-map-data");
  if (!section || !dataNode || !window.L) return;
  var points;
  try {
    points = JSON.parse(dataNode.textContent);
  } catch (error) {
    return;
  }
  if (!points.length || !section.dataset.tileUrl) return;

  section.hidden = false;
  var L = window.L;
  L.Icon.Default.imagePath = section.dataset.iconPath;
  var map = L.map(section.querySelector("[data-annuaire-map-canvas]"), { scrollWheelZoom: false });
  L.tileLayer(section.dataset.tileUrl, { attribution: section.dataset.attribution, maxZoom: 18 }).addTo(map);

  var bounds = [];
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lon], { title: point.name + " – " + point.structure, alt: point.name });
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
    marker.bindPopup(popup).addTo(map);
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 12);
  } else {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
  }
})();
