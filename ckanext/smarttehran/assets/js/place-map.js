/* Draws a place's boundary over the base map (tiles when configured, else the districts). */
this.ckan.module("smarttehran-place-map", function ($) {
  return {
    initialize: function () {
      if (typeof L === "undefined") { return; }
      var map = window.smarttehranMaps.create(this.el[0], this.options);
      var layer = L.geoJSON(this.options.geometry, { style: { color: "#0b6e4f", weight: 2, fillOpacity: 0.25 } });
      layer.addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    }
  };
});
