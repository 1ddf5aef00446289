/* What every map of the portal shares: Leaflet with Persian control titles, and under the
   data either the configured raster tiles or, with none configured, Tehran's 22 district
   boundaries from this site (/districts.geojson): no request leaves the portal. */
(function () {
  function str(value) { return typeof value === "string" ? value : ""; }

  function create(el, options) {
    options = options || {};
    // Leaflet makes the container a focusable application; it is named, not an image
    // (an image holding the zoom buttons is the nested-interactive violation).
    var map = L.map(el, { attributionControl: true, keyboard: true, zoomControl: false });
    L.control.zoom({ zoomInTitle: str(options.zoomIn) || "Zoom in",
                     zoomOutTitle: str(options.zoomOut) || "Zoom out" }).addTo(map);
    map.attributionControl.setPrefix(false);
    if (str(options.tileUrl)) {
      L.tileLayer(options.tileUrl, { attribution: str(options.attribution) }).addTo(map);
    } else if (str(options.baseUrl) && options.drawBase !== false) {
      map.createPane("smarttehranBase").style.zIndex = 250;
      fetch(options.baseUrl).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (layer) {
          if (!layer) { return; }
          L.geoJSON(layer, { pane: "smarttehranBase", interactive: false,
            style: { color: "#7d8f88", weight: 1, fillColor: "#f7faf9", fillOpacity: 1 } }).addTo(map);
        }).catch(function () {});
    }
    return map;
  }

  /* A text tooltip (never HTML: names come from files anyone may publish). */
  function textTooltip(layer, text, options) {
    var span = document.createElement("span");
    span.textContent = text;
    layer.bindTooltip(span, options || {});
  }

  window.smarttehranMaps = { create: create, textTooltip: textTooltip };
})();
