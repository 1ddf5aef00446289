/* Readable Latin URL names for Persian titles.
 *
 * Core's slug preview turns Persian letters into dashes; this module asks the
 * catalog for the transliterated name (action smarttehran_slug_show) and hands it
 * to the preview, until the publisher edits the URL by hand.
 */
this.ckan.module("smarttehran-slug", function ($) {
  return {
    options: { delay: 300 },

    initialize: function () {
      var sandbox = this.sandbox;
      var el = this.el;
      var delay = this.options.delay;
      var timer = null;
      var stopped = el.val() !== "";

      sandbox.subscribe("slug-preview-modified", function () { stopped = true; });
      // host/dataset/ + name, one left-to-right isolate (bidi scrambled it on RTL pages).
      sandbox.subscribe("slug-preview-created", function (preview) {
        $(preview).find(".slug-preview-prefix, .slug-preview-value")
          .wrapAll('<bdi dir="ltr" class="smarttehran-slug-url"></bdi>');
      });

      el.on("input.smarttehran-slug", function () {
        if (stopped) { return; }
        var title = el.val();
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          if ($.trim(title) === "") { return; }
          sandbox.client.call("GET", "smarttehran_slug_show", "?title=" + encodeURIComponent(title),
            function (data) {
              if (!stopped && data && data.result) {
                sandbox.publish("slug-target-changed", data.result.name);
              }
            });
        }, delay);
      });
    }
  };
});
