/* dossier: small enhancements of the static pages. Everything works without this script; it only
   adds the copy-citation buttons' action. Loaded locally (mkdocs.yml extra_javascript), works from
   file:// (no fetch, no module). */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http: the clipboard API is unavailable, select and copy instead
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".dossier-cite__copy") : null;
    if (!button) return;
    var box = button.closest(".dossier-cite");
    var text = box ? box.querySelector(".dossier-cite__text").textContent : "";
    copyText(text.trim()).then(function () {
      button.textContent = "Copied";
      button.setAttribute("data-copied", "true");
    }, function () {
      button.textContent = "Select the text to copy";
    });
  });

  // A table or diagram wider than the screen: say that it scrolls sideways (phones).
  function markOverflow() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .dossier-figure");
    Array.prototype.forEach.call(boxes, function (box) {
      var hint = box.previousElementSibling;
      var has = hint && hint.classList.contains("dossier-scroll-hint");
      var wide = box.scrollWidth > box.clientWidth + 2;
      if (wide) {  // a scrolled box must be reachable by keyboard (arrow keys scroll it)
        box.tabIndex = 0;
        if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", "Scrollable: wider than the screen");
      }
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "dossier-scroll-hint";
        hint.textContent = "Wider than the screen: scroll sideways \u2192";
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && has) {
        hint.parentNode.removeChild(hint);
      }
    });
  }
  // Index pages (marked by an empty .dossier-table-tools block): every table sorts by any column
  // (vendored tablesort: click or Enter on a header) and a filter box keeps the rows holding every
  // word typed (a kind, a name, an outlet, a date such as 2013-06).
  function tableTools() {
    var box = document.querySelector(".md-typeset .dossier-table-tools");
    if (!box) return;
    var tables = Array.prototype.slice.call(document.querySelectorAll(".md-typeset table"));
    if (window.Tablesort) {
      tables.forEach(function (t) { if (t.tHead) new window.Tablesort(t); });
    }
    var label = document.createElement("label");
    label.className = "dossier-filter";
    label.textContent = "Filter rows ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "kind, name, outlet, date…";
    label.appendChild(input);
    var count = document.createElement("span");
    count.className = "dossier-filter__count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(count);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0, total = 0;
      tables.forEach(function (t) {
        Array.prototype.forEach.call(t.tBodies[0] ? t.tBodies[0].rows : [], function (row) {
          var text = row.textContent.toLowerCase().replace(/\u00a0/g, " ");
          var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
          row.hidden = !keep;
          total += 1;
          if (keep) shown += 1;
        });
      });
      count.textContent = words.length ? shown + " of " + total + " rows" : "";
    });
  }
  document.addEventListener("DOMContentLoaded", tableTools);
  // Material's search dialog has no accessible name.
  function nameDialogs() {
    Array.prototype.forEach.call(document.querySelectorAll("[role=dialog]:not([aria-label]):not([aria-labelledby])"),
      function (d) { d.setAttribute("aria-label", "Search"); });
  }
  document.addEventListener("DOMContentLoaded", nameDialogs);
  window.addEventListener("load", markOverflow);
  window.addEventListener("resize", markOverflow);
})();
