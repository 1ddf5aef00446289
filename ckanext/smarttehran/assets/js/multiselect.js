/* Searchable multi-selects for the dataset form's long lists (goals, neighbourhoods).
 *
 * CKAN's select2 (3.5, in core's vendor bundle) on a <select multiple>, with a matcher
 * that folds what is typed the way the gazetteer stores names (persian.search_key):
 * Arabic ي/ك, آ/أ/إ to ا, ة/ۀ to ه, Persian and Arabic digits to Latin, and no ZWNJ,
 * spaces or punctuation, so «یوسف‌آباد» finds «یوسف اباد». With data-module-narrow
 * (the id of another select), only the options belonging to what is chosen there are
 * offered: goals of the chosen dimensions (a goal "economy.01" belongs to "economy"),
 * neighbourhoods of the chosen districts (neighbourhood 601 is in district 6). Chosen
 * options always stay.
 */
this.ckan.module("smarttehran-multiselect", function ($) {
  var FOLD = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ؤ": "و", "ء": ""
  };
  var DROP = /[\s\u200c\u200d\u200e\u200f\u064b-\u0652\u0670\u0640_\-–—.,،؛;:!?؟'"«»()\[\]\/\\]+/g;

  function key(text) {
    var out = "";
    text = String(text || "").toLowerCase();
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i), code = text.charCodeAt(i);
      if (code >= 0x06f0 && code <= 0x06f9) { c = String(code - 0x06f0); }
      else if (code >= 0x0660 && code <= 0x0669) { c = String(code - 0x0660); }
      else if (Object.prototype.hasOwnProperty.call(FOLD, c)) { c = FOLD[c]; }
      out += c;
    }
    return out.replace(DROP, "");
  }

  function owner(value) {
    value = String(value);
    if (value.indexOf(".") !== -1) { return value.split(".")[0]; }   // goal -> dimension
    if (/^\d{3,}$/.test(value)) { return String(Math.floor(parseInt(value, 10) / 100)); }
    return null;
  }

  return {
    options: { narrow: null },

    initialize: function () {
      var el = this.el;
      var all = el.find("option").clone();
      var narrow = this.options.narrow ? $("#" + this.options.narrow) : $();

      function offer() {
        var chosen = narrow.val() || [];
        var kept = el.val() || [];
        if (!narrow.length) { return; }
        el.empty();
        all.each(function () {
          var value = this.value;
          if (!chosen.length || $.inArray(owner(value), chosen) !== -1 || $.inArray(value, kept) !== -1) {
            el.append($(this).clone().prop("selected", $.inArray(value, kept) !== -1));
          }
        });
        el.trigger("change");
      }

      el.select2({
        width: "100%",
        matcher: function (term, text) { return key(text).indexOf(key(term)) !== -1; },
        formatNoMatches: function () { return el.data("no-matches") || ""; }
      });
      narrow.on("change.smarttehran-multiselect", offer);
      offer();
    },

    teardown: function () { this.el.select2("destroy"); }
  };
});

