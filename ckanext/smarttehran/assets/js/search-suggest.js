/* Suggestions while typing in the dataset search box (issue 17, docs/search.md): dataset
   titles and places from smarttehran_search_suggest, as an ARIA combobox: Up/Down move
   through the options, Enter opens the chosen one, Escape closes the list; the list follows
   the page's direction (right to left in Persian). Requests wait for a pause in typing and
   an older answer never replaces a newer one. */
ckan.module("smarttehran-search-suggest", function ($) {
  return {
    options: { endpoint: "", datasets: "Datasets", places: "Places", datasetUrl: "" },

    initialize: function () {
      var input = $("#field-giant-search");
      if (!input.length || !this.options.endpoint) { return; }
      this.input = input;
      this.seq = 0;
      this.active = -1;
      this.list = $('<ul class="smarttehran-suggest" role="listbox" id="smarttehran-suggest-list" hidden></ul>');
      this.list.attr("aria-label", this.options.datasets + " / " + this.options.places);
      input.closest(".search-input-group").css("position", "relative").append(this.list);
      input.attr({ role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
                   "aria-controls": "smarttehran-suggest-list" });
      var self = this, timer = null;
      input.on("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { self.fetch(input.val()); }, 200);
      });
      input.on("keydown", function (event) { self.key(event); });
      input.on("blur", function () { window.setTimeout(function () { self.close(); }, 150); });
    },

    fetch: function (text) {
      var self = this, seq = ++this.seq;
      text = $.trim(text || "");
      if (text.length < 2) { this.close(); return; }
      $.getJSON(this.options.endpoint, { q: text, limit: 5 }).done(function (data) {
        if (seq === self.seq && data && data.success) { self.render(data.result); }
      });
    },

    render: function (result) {
      var self = this, list = this.list.empty(), n = 0;
      var add = function (label, href, kind) {
        var li = $('<li role="option" class="smarttehran-suggest-option"></li>')
          .attr({ id: "smarttehran-suggest-" + n, "data-href": href, "aria-selected": "false" })
          .append($('<span class="smarttehran-suggest-kind"></span>').text(kind + ": "))
          .append($("<span></span>").text(label));
        li.on("mousedown", function (event) { event.preventDefault(); window.location.href = href; });
        list.append(li);
        n += 1;
      };
      $.each(result.datasets || [], function (_, d) {
        add(d.title, self.options.datasetUrl.replace("__name__", encodeURIComponent(d.name)), self.options.datasets);
      });
      $.each(result.places || [], function (_, p) {
        add(p.name_fa + (p.name_en ? " (" + p.name_en + ")" : ""), p.url, self.options.places);
      });
      this.active = -1;
      this.input.removeAttr("aria-activedescendant");
      if (n) {
        list.prop("hidden", false);
        this.input.attr("aria-expanded", "true");
      } else {
        this.close();
      }
    },

    key: function (event) {
      var options = this.list.children();
      if (this.list.prop("hidden") || !options.length) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        this.active = (this.active + step + options.length) % options.length;
        options.attr("aria-selected", "false");
        var current = options.eq(this.active).attr("aria-selected", "true");
        this.input.attr("aria-activedescendant", current.attr("id"));
      } else if (event.key === "Enter" && this.active >= 0) {
        event.preventDefault();
        window.location.href = options.eq(this.active).attr("data-href");
      } else if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      }
    },

    close: function () {
      this.list.prop("hidden", true).empty();
      this.active = -1;
      this.input.attr("aria-expanded", "false").removeAttr("aria-activedescendant");
    }
  };
});
