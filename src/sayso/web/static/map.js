// Events map: Natural Earth countries served by sayso (no online tiles) and
// one circle per event from the events API (every page of it, up to 10,000
// events), with the page's filters; nearby
// events are clustered (Leaflet.markercluster). Each popup gives the event's
// type, place, date and every source's toll, and links to the event's page.
// Everything from the store is set as text, never as HTML.
(function () {
  "use strict";

  function line(box, tag, text, className) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (className) { el.className = className; }
    box.appendChild(el);
    return el;
  }

  function popup(e) {
    var box = document.createElement("div");
    box.className = "event-popup";
    line(box, "div", e.type + " (" + e.acled_type + ")" + (e.sub_event_type ? " · " + e.sub_event_type : ""), "popup-title");
    var place = [e.place, e.region || e.admin1, e.country].filter(function (x) { return x; }).join(", ");
    if (place) { line(box, "div", place); }
    line(box, "div", e.dates + (e.dates_inferred ? " (inferred from publication)" : ""));
    if (e.conservative_fatalities !== null && e.conservative_fatalities !== undefined) {
      var range = e.fatalities_max !== null && e.fatalities_max !== e.conservative_fatalities
        ? " (range " + e.conservative_fatalities + "–" + e.fatalities_max + ")" : "";
      line(box, "div", "killed: " + e.conservative_fatalities + range);
      var list = document.createElement("ul");
      e.tolls.forEach(function (t) { line(list, "li", t.text); });
      box.appendChild(list);
    }
    var link = line(box, "a", "event page, " + e.reports.length + " report" + (e.reports.length === 1 ? "" : "s"));
    link.href = "/events/" + encodeURIComponent(e.event_id);
    return box;
  }

  // The events API gives a page at a time: follow its next_url, up to MAX_PAGES
  // pages (the map of a huge store shows its first PAGE * MAX_PAGES events).
  var PAGE = 1000;
  var MAX_PAGES = 10;

  function allEvents(url) {
    var found = [];
    function more(next, left) {
      return fetch(next)
        .then(function (r) { return r.json(); })
        .then(function (page) {
          found = found.concat(page.items);
          if (page.next_url && left > 1) { return more(page.next_url, left - 1); }
          return found;
        });
    }
    return more(url, MAX_PAGES);
  }

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
        return allEvents("/api/events?" + (query ? query + "&" : "") + "limit=" + PAGE);
      })
      .then(function (events) {
        // without the plugin (it failed to load), plain markers on the map
        var group = L.markerClusterGroup
          ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
          : L.layerGroup();
        var points = [];
        events.forEach(function (e) {
          if (e.latitude === null || e.longitude === null) { return; }
          var m = L.circleMarker([e.latitude, e.longitude], {
            radius: 7, color: "#922b21", weight: 2, fillColor: "#e74c3c", fillOpacity: 0.8,
            className: "event-marker"
          });
          m.bindPopup(popup(e));
          group.addLayer(m);
          points.push([e.latitude, e.longitude]);
        });
        group.addTo(map);
        if (points.length) { map.fitBounds(L.latLngBounds(points).pad(0.4), { maxZoom: 6, animate: false }); }
        el.setAttribute("data-markers", String(points.length));
        el.setAttribute("data-clustered", String(!!L.markerClusterGroup));
        el.setAttribute("data-ready", "true");
      })
      .catch(function (err) { el.setAttribute("data-error", String(err)); });
  });
})();
