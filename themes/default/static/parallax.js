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
}());
