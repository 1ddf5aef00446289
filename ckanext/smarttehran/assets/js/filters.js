/* The phone-width "Filter results" and close controls of CKAN's search page are links
   without an href, so a keyboard cannot reach them and the facets stay hidden. They become
   buttons: focusable, opened with Enter or Space, the close one labelled in the page's
   language, and focus moves into the facets when they open and back when they close.
   A module (not a plain script) so that CKAN's translations are loaded first. */
ckan.module("smarttehran-filters", function ($) {
  return {
    initialize: function () {
      var show = $("a.show-filters");
      var hide = $("a.hide-filters");
      show.add(hide).attr({ role: "button", tabindex: 0 }).on("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          $(this).trigger("click");
        }
      });
      hide.attr("aria-label", this._("Close"));
      show.on("click", function () {
        window.setTimeout(function () { hide.first().trigger("focus"); }, 0);
      });
      hide.on("click", function () {
        window.setTimeout(function () { show.first().trigger("focus"); }, 0);
      });
    }
  };
});
