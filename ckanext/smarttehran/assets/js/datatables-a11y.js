/* CKAN's DataTables preview (in its iframe): each column filter named for its column,
   untitled frames titled, and on Persian pages the counts and page numbers in Persian
   digits (DataTables writes Latin ones whatever its language file says). */
(function () {
  var PERSIAN = "۰۱۲۳۴۵۶۷۸۹";
  var words = window.smarttehranDtWords || { filter: "Filter column", frame: "Data viewer" };
  var persianPage = (document.documentElement.lang || "").indexOf("fa") === 0;
  var COUNTED = ".dataTables_info, .dataTables_paginate, .dataTables_length label, .sortinfo, .resourceinfo";

  function toPersian(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/[0-9]/.test(node.nodeValue)) {
        node.nodeValue = node.nodeValue.replace(/[0-9]/g, function (d) { return PERSIAN[+d]; });
      }
    }
  }

  function fix() {
    var fields = window.gdataDict || [];
    document.querySelectorAll("input.fhead").forEach(function (input, i) {
      if (input.hasAttribute("aria-label")) { return; }
      var field = fields[i] || {};
      var name = (field.info && field.info.label) || field.id || String(i + 1);
      input.setAttribute("aria-label", words.filter + ": " + name);
    });
    // Any other input DataTables adds (its date picker's, ...) is named by its placeholder.
    document.querySelectorAll("input:not([type=hidden]):not([aria-label]):not([id])").forEach(function (input) {
      input.setAttribute("aria-label", input.getAttribute("placeholder") || words.filter);
    });
    document.querySelectorAll("iframe:not([title])").forEach(function (frame) {
      frame.setAttribute("title", words.frame);
    });
    if (persianPage) {
      document.querySelectorAll(COUNTED).forEach(toPersian);
      document.querySelectorAll(".dataTables_length option").forEach(toPersian);
    }
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fix(); });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  document.addEventListener("DOMContentLoaded", fix);
})();
