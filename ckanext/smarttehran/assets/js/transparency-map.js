/* The dashboard's district map: each district shaded by its number of datasets. */
this.ckan.module("smarttehran-district-counts", function ($) {
  return {
    initialize: function () {
      if (typeof L === "undefined") { return; }
      var layer = this.options.layer;
      var max = 1;
      layer.features.forEach(function (f) { max = Math.max(max, f.properties.datasets); });
      var map = L.map(this.el[0], { attributionControl: true, keyboard: true });
      // An empty data-module-* attribute arrives as `true`: only a string is a URL.
      if (typeof this.options.tileUrl === "string" && this.options.tileUrl) {
        L.tileLayer(this.options.tileUrl, { attribution: typeof this.options.attribution === "string" ? this.options.attribution : "" }).addTo(map);
      }
      var geo = L.geoJSON(layer, {
        style: function (f) {
          return { color: "#0b6e4f", weight: 1, fillColor: "#0b6e4f",
                   fillOpacity: 0.1 + 0.7 * f.properties.datasets / max };
        },
        onEachFeature: function (f, l) {
          l.bindTooltip(f.properties.district + ": " + f.properties.datasets);
          l.on("click", function () { window.location = f.properties.url; });
        }
      }).addTo(map);
      map.fitBounds(geo.getBounds(), { padding: [8, 8] });
    }
  };
});
