/* Helpers for the generated map pages (maps/*.html, written by generator/maps.py).
   Names and notes come from data/: they enter the DOM as text nodes and
   textContent, never as HTML, so a name like <img onerror=…> stays text.
   Fixed words come from the page too (a JSON block written from generator/words/). */
var epdMaps = (function () {
  "use strict";

  var words;
  function word(key) {
    words = words || JSON.parse(document.getElementById("epd-map-words").textContent);
    return words[key];
  }

  // Name in bold, one line of text per entry, and a link that opens in the page around the iframe.
  function card(name, href, lines) {
    var box = document.createElement("div");
    box.appendChild(document.createElement("strong")).textContent = name;
    lines.forEach(function (line) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(line));
    });
    if (href) {
      box.appendChild(document.createElement("br"));
      var link = box.appendChild(document.createElement("a"));
      link.href = href;
      link.target = "_parent";
      link.textContent = word("more");
    }
    return box;
  }

  // Leaflet would parse string content as HTML: give it DOM nodes, built when shown.
  function describe(layer, name, href, lines, sticky) {
    layer.bindTooltip(function () { return card(name, null, lines); }, { sticky: sticky });
    layer.bindPopup(function () { return card(name, href, lines); });
  }

  function icon(kind) {
    return L.divIcon({ className: "epd-pt epd-pt--" + kind, iconSize: [16, 16] });
  }

  // maps/cases.html?only=id,id… : the case index's filters left only these cases (an empty list: none).
  // Rows and shapes that carry case ids (a 7th element, properties.ids) are kept only when one is listed.
  function listed(ids) {
    var query = new URLSearchParams(window.location.search);
    if (!query.has("only") || !ids) {
      return true;
    }
    var only = query.get("only").split(",");
    return [].concat(ids).some(function (id) { return only.indexOf(id) >= 0; });
  }

  // rows: [lat, lon, name, href or null, lines, kind, case id?]; layer: the map or a markerClusterGroup.
  function points(layer, rows) {
    var markers = rows.filter(function (row) { return listed(row[6]); }).map(function (row) {
      var marker = L.marker([row[0], row[1]], { icon: icon(row[5]) });
      // clusters re-create marker elements: label each one as it appears
      marker.on("add", function () { marker.getElement().setAttribute("aria-label", row[2]); });
      describe(marker, row[2], row[3], row[4], false);
      return marker;
    });
    if (layer.addLayers) {
      layer.addLayers(markers); // markercluster: one pass instead of one per marker
    } else {
      markers.forEach(function (marker) { marker.addTo(layer); });
    }
  }

  // GeoJSON features with properties {name, href, lines, fill?}.
  function shapes(map, collection, style) {
    L.geoJSON(collection, {
      filter: function (feature) { return listed(feature.properties.ids); },
      style: function (feature) {
        return feature.properties.fill ? L.extend({}, style, { fillColor: feature.properties.fill }) : style;
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        describe(layer, p.name, p.href, p.lines, true);
      }
    }).addTo(map);
  }

  // maps/point.html?lat=…&lon=…&name=… : one page serves every municipality page.
  function queryPoint(map) {
    var query = new URLSearchParams(window.location.search);
    var lat = parseFloat(query.get("lat"));
    var lon = parseFloat(query.get("lon"));
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
      return; // missing or not a number: keep the overview of Japan
    }
    var name = query.get("name") || "";
    L.marker([lat, lon], { icon: icon("here"), keyboard: false })
      .bindTooltip(function () { return document.createTextNode(name); }, { permanent: true, direction: "top", offset: [0, -8] })
      .addTo(map);
    map.setView([lat, lon], 13);
  }

  return { points: points, shapes: shapes, queryPoint: queryPoint };
})();
