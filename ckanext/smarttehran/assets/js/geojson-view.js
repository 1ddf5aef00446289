/* The map preview of a GeoJSON resource (the smarttehran_map resource view). */
this.ckan.module("smarttehran-geojson-view", function ($) {
  var NAME_KEYS = ["name_fa", "name", "title", "name_en", "نام"];

  function label(properties) {
    if (!properties) { return ""; }
    for (var i = 0; i < NAME_KEYS.length; i++) {
      var v = properties[NAME_KEYS[i]];
      if (typeof v === "string" && v) { return v; }
    }
    return "";
  }

  return {
    initialize: function () {
      if (typeof L === "undefined") { return; }
      var el = this.el[0], o = this.options, status = document.getElementById(o.status);
      var map = window.smarttehranMaps.create(el, o);
      map.setView([35.7, 51.4], 10);
      fetch(o.url, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) {
          var layer = L.geoJSON(data, {
            pointToLayer: function (f, latlng) {
              return L.circleMarker(latlng, { radius: 5, color: "#0b6e4f", weight: 1,
                                              fillColor: "#0b6e4f", fillOpacity: 0.8 });
            },
            style: { color: "#0b6e4f", weight: 2, fillOpacity: 0.2 },
            onEachFeature: function (f, l) {
              var text = label(f.properties);
              if (text) { window.smarttehranMaps.textTooltip(l, text); }
            }
          }).addTo(map);
          var bounds = layer.getBounds();
          if (bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); }
          el.setAttribute("data-features", String(layer.getLayers().length));
          if (status) { status.textContent = o.loaded || ""; }
        })
        .catch(function (e) {
          el.setAttribute("data-features", "error");
          el.setAttribute("data-error", String(e));
          if (status) { status.textContent = o.failed || "The map could not be drawn."; }
        });
    }
  };
});
