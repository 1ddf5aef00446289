/* Draws a place's boundary; raster tiles only when a tile URL is configured. */
this.ckan.module("smarttehran-place-map", function ($) {
  return {
    initialize: function () {
      if (typeof L === "undefined") { return; }
      var geometry = this.options.geometry;
      var map = L.map(this.el[0], { attributionControl: true, keyboard: true });
      // An empty data-module-* attribute arrives as `true`: only a string is a URL.
      if (typeof this.options.tileUrl === "string" && this.options.tileUrl) {
        L.tileLayer(this.options.tileUrl, { attribution: typeof this.options.attribution === "string" ? this.options.attribution : "" }).addTo(map);
      }
      var layer = L.geoJSON(geometry, { style: { color: "#0b6e4f", weight: 2, fillOpacity: 0.15 } });
      layer.addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    }
  };
});
