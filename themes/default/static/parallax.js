/* Parallax: small enhancements. Every page reads fully without this script. */
(function () {
  "use strict";

  /* Choose which outlets to show (stories with more than three outlets). */
  var picker = document.querySelector(".outlet-picker");
  if (picker) {
    var boxes = Array.prototype.slice.call(picker.querySelectorAll('input[name="outlet"]'));
    var key = "parallax-outlets:" + window.location.pathname;
    var apply = function () {
      var shown = {};
      boxes.forEach(function (box) { shown[box.value] = box.checked; });
      Array.prototype.forEach.call(document.querySelectorAll("[data-outlet]"), function (element) {
        element.hidden = !shown[element.getAttribute("data-outlet")];
      });
      try { window.localStorage.setItem(key, JSON.stringify(shown)); } catch (error) { /* storage off */ }
    };
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      if (saved) {
        boxes.forEach(function (box) { if (box.value in saved) { box.checked = saved[box.value]; } });
      }
    } catch (error) { /* storage off or unreadable */ }
    if (!boxes.some(function (box) { return box.checked; })) { boxes.forEach(function (box) { box.checked = true; }); }
    picker.addEventListener("change", function (event) {
      if (!boxes.some(function (box) { return box.checked; })) { event.target.checked = true; }
      apply();
    });
    picker.hidden = false;
    apply();
  }

  /* Explanations of marks: Escape dismisses the one showing (WCAG 1.4.13). */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      Array.prototype.forEach.call(document.querySelectorAll(".tip"), function (tip) { tip.classList.add("dismissed"); });
    }
  });
  var restore = function (event) {
    var wrap = event.target.closest && event.target.closest(".mark-wrap");
    if (!wrap) { return; }
    var tip = wrap.querySelector(".tip");
    if (!tip) { return; }
    /* One explanation at a time: showing this one hides any other (say, of the focused mark). */
    Array.prototype.forEach.call(document.querySelectorAll(".tip"), function (other) {
      if (other !== tip) { other.classList.add("dismissed"); }
    });
    tip.classList.remove("dismissed");
    /* Open towards the left when the explanation would run off the right edge. */
    tip.classList.remove("tip-left");
    var box = tip.getBoundingClientRect();
    if (box.width && box.right > document.documentElement.clientWidth - 8) { tip.classList.add("tip-left"); }
  };
  document.addEventListener("focusin", restore);
  document.addEventListener("mouseover", restore);

  /* The worksheet's print button. */
  var printButton = document.querySelector(".print-sheet");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  /* Words to examine: off by default; the reader's choice is kept from page to page. */
  var wordBoxes = Array.prototype.slice.call(document.querySelectorAll(".show-words"));
  if (wordBoxes.length) {
    var wordsKey = "parallax-words";
    try {
      var on = window.localStorage.getItem(wordsKey) === "1";
      wordBoxes.forEach(function (box) { box.checked = on; });
    } catch (error) { /* storage off */ }
    wordBoxes.forEach(function (box) {
      box.addEventListener("change", function () {
        wordBoxes.forEach(function (other) { other.checked = box.checked; });
        try { window.localStorage.setItem(wordsKey, box.checked ? "1" : "0"); } catch (error) { /* storage off */ }
      });
    });
  }

  /* Predict, then reveal: the story page hides its findings until the student asks for each part.
     Open a story with ?predict (or #predict) to start in this mode. */
  var start = document.querySelector(".predict-start");
  var bar = document.querySelector(".predict-bar");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section[data-reveal]"));
  if (start && bar && sections.length) {
    var reveal = function (section, focus) {
      section.classList.remove("concealed");
      section.removeAttribute("data-hide-body");
      var box = section.querySelector(".reveal");
      if (box) { box.parentNode.removeChild(box); }
      if (focus) {
        var heading = section.querySelector("h2");
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
      if (!document.querySelector("section.concealed")) { document.documentElement.classList.remove("predicting"); }
    };
    var setUrl = function (predicting) {
      try {
        var url = new URL(window.location.href);
        if (predicting) { url.searchParams.set("predict", "1"); } else { url.searchParams.delete("predict"); }
        window.history.replaceState(null, "", url.toString());
      } catch (error) { /* file:// in some browsers: the mode still works */ }
    };
    var conceal = function () {
      document.documentElement.classList.add("predicting");
      bar.hidden = false;
      start.hidden = true;
      sections.forEach(function (section) {
        if (section.classList.contains("concealed")) { return; }
        section.classList.add("concealed");
        if (section.id !== "coverage" && section.id !== "side-by-side") { section.setAttribute("data-hide-body", ""); }
        var box = document.createElement("div");
        box.className = "reveal";
        var prompt = document.createElement("p");
        prompt.textContent = section.getAttribute("data-reveal");
        var button = document.createElement("button");
        button.type = "button";
        button.setAttribute("data-control", "reveal");
        /* The theme gives the words in the page's language; "Reveal <heading>" is the fallback. */
        button.textContent = section.getAttribute("data-reveal-button") ||
          "Reveal " + section.querySelector("h2").textContent.toLowerCase();
        button.addEventListener("click", function () { reveal(section, true); });
        box.appendChild(prompt);
        box.appendChild(button);
        section.querySelector("h2").insertAdjacentElement("afterend", box);
      });
      setUrl(true);
    };
    start.hidden = false;
    start.addEventListener("click", function () { conceal(); bar.querySelector("p").focus(); });
    bar.querySelector("p").setAttribute("tabindex", "-1");
    bar.querySelector(".predict-reveal-all").addEventListener("click", function () {
      sections.forEach(function (section) { reveal(section, false); });
    });
    bar.querySelector(".predict-stop").addEventListener("click", function () {
      sections.forEach(function (section) { reveal(section, false); });
      document.documentElement.classList.remove("predicting");
      bar.hidden = true;
      start.hidden = false;
      setUrl(false);
      start.focus();
    });
    if (/[?&]predict(?:[=&]|$)/.test(window.location.search) || window.location.hash === "#predict") { conceal(); }
  }

  /* A link to a folded fact, quotation or list opens it (and every fold around it) first. */
  var unfold = function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var opened = false;
    for (var fold = target.closest("details"); fold; fold = fold.parentElement && fold.parentElement.closest("details")) {
      if (!fold.open) { fold.open = true; opened = true; }
    }
    if (opened) { target.scrollIntoView(); }
  };
  window.addEventListener("hashchange", unfold);
  unfold();

  /* "Open every fact", and every fold opened for printing (and closed again after). */
  var folds = function () { return Array.prototype.slice.call(document.querySelectorAll("details")); };
  var openAll = document.querySelector('[data-control="open-facts"]');
  if (openAll) {
    openAll.parentElement.hidden = false;
    openAll.addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll("#side-by-side details"), function (d) { d.open = true; });
    });
  }
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var closed = folds().filter(function (d) { return !d.open; });
    closedForPrint = closedForPrint.concat(closed);
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });
}());
