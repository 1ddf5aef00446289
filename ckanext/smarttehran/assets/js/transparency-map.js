/* The dashboard's district map: each district shaded by its number of datasets, with its
   number as a label, a tooltip naming the district and what the number counts, and a
   legend of the shades. Digits are Persian on Persian pages. */
this.ckan.module("smarttehran-district-counts", function ($) {
  var SHADES = [0.05, 0.25, 0.45, 0.65, 0.85];
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";

  function digits(value, persian) {
    var s = String(value);
    return persian ? s.replace(/[0-9]/g, function (d) { return PERSIAN[+d]; }) : s;
  }

  function shadeClass(n, max) { return n <= 0 ? 0 : Math.min(4, Math.ceil(4 * n / max)); }

  return {
    initialize: function () {
      if (typeof L === "undefined") { return; }
      var o = this.options, layer = o.layer, max = 1;
      var persian = (document.documentElement.lang || "").indexOf("fa") === 0;
      var counts = typeof o.counts === "string" ? o.counts : "datasets";
      layer.features.forEach(function (f) { max = Math.max(max, f.properties.datasets); });
      // The districts are the data here: no second copy of them as the base.
      var map = window.smarttehranMaps.create(this.el[0], $.extend({}, o, { drawBase: false }));
      var geo = L.geoJSON(layer, {
        style: function (f) {
          return { color: "#0b6e4f", weight: 1, fillColor: "#0b6e4f",
                   fillOpacity: SHADES[shadeClass(f.properties.datasets, max)] };
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          window.smarttehranMaps.textTooltip(l, digits(p.name, persian) + ": " +
            digits(p.datasets, persian) + " " + counts, { sticky: true });
          l.on("click", function () { window.location = p.url; });
        }
      }).addTo(map);
      geo.eachLayer(function (l) {
        L.marker(l.getBounds().getCenter(), {
          interactive: false, keyboard: false,
          icon: L.divIcon({ className: "smarttehran-district-label", iconSize: null,
                            html: digits(parseInt(l.feature.properties.district, 10), persian) })
        }).addTo(map);
      });
      map.fitBounds(geo.getBounds(), { padding: [8, 8] });

      var legend = L.control({ position: "bottomleft" });
      legend.onAdd = function () {
        var box = L.DomUtil.create("div", "smarttehran-map-legend");
        box.setAttribute("dir", persian ? "rtl" : "ltr");
        var title = document.createElement("h3");
        title.textContent = typeof o.legend === "string" ? o.legend : counts;
        box.appendChild(title);
        var list = document.createElement("ul");
        for (var k = 0; k <= 4; k++) {
          var lo = k === 0 ? 0 : Math.floor((k - 1) * max / 4) + 1, hi = k === 0 ? 0 : Math.floor(k * max / 4);
          if (lo > hi) { continue; }
          var item = document.createElement("li"), swatch = document.createElement("i");
          swatch.style.background = "rgba(11, 110, 79, " + SHADES[k] + ")";
          item.appendChild(swatch);
          item.appendChild(document.createTextNode(lo === hi ? digits(lo, persian) : digits(lo, persian) + "–" + digits(hi, persian)));
          list.appendChild(item);
        }
        box.appendChild(list);
        return box;
      };
      legend.addTo(map);
    }
  };
});
