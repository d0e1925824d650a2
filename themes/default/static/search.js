/* Parallax site search: looks through search/index.js (loaded as a script, so that it works from a
   plain folder too) for stories whose title, summary, headlines, outlets or tags hold every word typed. */
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  var entries = window.PARALLAX_SEARCH;
  if (!form || !entries) { return; }
  var input = form.querySelector("input");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var root = form.getAttribute("data-root") || "";
  /* The page's words, in the site's language ("{n}" is a count). */
  var say = function (name, fallback, n) {
    return (form.getAttribute("data-say-" + name) || fallback).replace("{n}", String(n));
  };
  var fold = function (text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var haystacks = entries.map(function (e) {
    return { title: fold(e.t), rest: fold([e.s].concat(e.o, e.h, e.g).join(" \u0001 ")) };
  });
  var show = function () {
    var words = fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = say("ready", "{n} stories. Type a word to search them.", entries.length); return; }
    var found = [];
    entries.forEach(function (entry, i) {
      var h = haystacks[i];
      var score = 0;
      for (var k = 0; k < words.length; k++) {
        var inTitle = h.title.indexOf(words[k]) >= 0;
        if (!inTitle && h.rest.indexOf(words[k]) < 0) { return; }
        score += inTitle ? 2 : 1;
      }
      found.push([score, i]);
    });
    found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    status.textContent = found.length === 1 ? say("found-one", "{n} story found.", 1)
      : found.length ? say("found", "{n} stories found.", found.length)
      : say("none", "No story holds every word you typed.", 0);
    found.slice(0, 100).forEach(function (pair) {
      var e = entries[pair[1]];
      var item = document.createElement("li");
      item.className = "story-card";
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = root + e.u;
      link.textContent = e.t;
      heading.appendChild(link);
      item.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = (e.d ? e.d + " · " : "") + e.o.join(", ");
      item.appendChild(meta);
      if (e.s) { var summary = document.createElement("p"); summary.textContent = e.s; item.appendChild(summary); }
      list.appendChild(item);
    });
  };
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  input.addEventListener("input", show);
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; }
  show();
}());
