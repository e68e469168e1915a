// Events map: Natural Earth countries served by sayso (no online tiles) and
// one circle per event from the events GeoJSON API, with the page's filters.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("map");
    if (!el || !window.L || !window.topojson) { return; }
    var map = L.map(el, { worldCopyJump: false, attributionControl: true, minZoom: 1, maxZoom: 10 });
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Boundaries: Natural Earth (public domain)");
    map.setView([30, 20], 2);
    var query = el.getAttribute("data-query") || "";
    fetch(el.getAttribute("data-world"))
      .then(function (r) { return r.json(); })
      .then(function (world) {
        var countries = topojson.feature(world, world.objects.countries);
        L.geoJSON(countries, {
          style: { color: "#7f8c8d", weight: 0.7, fillColor: "#fdfefe", fillOpacity: 1 },
          interactive: false
        }).addTo(map);
        return fetch("/api/export/events.geojson" + (query ? "?" + query : ""));
      })
      .then(function (r) { return r.json(); })
      .then(function (events) {
        var markers = [];
        events.features.forEach(function (f) {
          var c = f.geometry.coordinates, p = f.properties;
          var m = L.circleMarker([c[1], c[0]], {
            radius: 7, color: "#922b21", weight: 2, fillColor: "#e74c3c", fillOpacity: 0.8,
            className: "event-marker"
          });
          var box = document.createElement("div");
          [p.plover_type + " (" + p.event_type + ")", p.location, p.event_date, p.fatalities ? "dead: " + p.fatalities : ""]
            .forEach(function (line) { if (line) { var d = document.createElement("div"); d.textContent = line; box.appendChild(d); } });
          m.bindPopup(box);
          m.addTo(map);
          markers.push([c[1], c[0]]);
        });
        if (markers.length) { map.fitBounds(L.latLngBounds(markers).pad(0.4), { maxZoom: 6, animate: false }); }
        el.setAttribute("data-markers", String(markers.length));
        el.setAttribute("data-ready", "true");
      })
      .catch(function (err) { el.setAttribute("data-error", String(err)); });
  });
})();
