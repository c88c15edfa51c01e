// Search box of a site searched by Pagefind (generator/site/search.py): queries Pagefind's index, which
// it downloads in small pieces, and shows the results in Material's result list. Pagefind needs the
// site served over HTTP (browsers refuse its index to pages opened from file://); from a file the box
// says so.
(function () {
  "use strict";
  var box = document.querySelector("[data-dossier-search]");
  if (!box) return;
  var input = box.querySelector("input");
  var list = box.querySelector(".md-search-result__list");
  var meta = box.querySelector(".md-search-result__meta");
  var toggle = document.getElementById("__search");
  var base = new URL(box.getAttribute("data-base") + "/", location.href);
  var MAX = 10;

  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && toggle && toggle.checked) { toggle.checked = false; input.blur(); }
  });

  if (location.protocol === "file:") {
    meta.textContent = "Search needs the site served over HTTP (e.g. python3 -m http.server -d site); " +
      "browsers do not let a page opened from a file load the search index.";
    return;
  }

  var engine = null;
  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return pf.options({ baseUrl: base.pathname }).then(function () { return pf; });
      });
    }
    return engine;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var seq = 0;
  function run() {
    var q = input.value.trim();
    var mine = ++seq;
    if (!q) { list.innerHTML = ""; list.removeAttribute("data-query"); meta.textContent = "Type to start searching"; return; }
    load().then(function (pf) { return pf.search(q); }).then(function (res) {
      if (mine !== seq) return null;
      return Promise.all(res.results.slice(0, MAX).map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== seq) return;
        var n = res.results.length;
        meta.textContent = n === 0 ? "No matching documents" : n === 1 ? "1 matching document" : n + " matching documents";
        // Pagefind's excerpts are escaped text with <mark> around the matches
        list.innerHTML = data.map(function (d) {
          return '<li class="md-search-result__item"><a href="' + esc(d.url) + '" class="md-search-result__link" tabindex="-1">' +
            '<article class="md-search-result__article md-typeset"><h1>' + esc((d.meta && d.meta.title) || d.url) + "</h1>" +
            "<p>" + d.excerpt + "</p></article></a></li>";
        }).join("");
        list.setAttribute("data-query", q);
      });
    }).catch(function (err) {
      if (mine === seq) meta.textContent = "Search is unavailable: " + err;
    });
  }
  input.addEventListener("input", run);
})();
