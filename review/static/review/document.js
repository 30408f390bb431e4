// The review page's report: mark what changed since the last return or submission, and let a click on a
// cell or paragraph choose what the comment is about (the form's section and its hidden cell field).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var holder = document.getElementById("review-document");
    if (!holder) { return; }
    var keys = JSON.parse(holder.dataset.keys || "{}");
    var changed = JSON.parse(holder.dataset.changed || "[]");
    holder.querySelectorAll("[data-key]").forEach(function (el) {
      if (changed.indexOf(el.dataset.key) !== -1) { el.classList.add("review-changed"); }
    });
    var form = document.getElementById("comment-form");
    if (!holder.dataset.commenting || !form) { return; }
    var section = form.querySelector("[name=section]");
    var cell = form.querySelector("[name=cell]");
    var body = form.querySelector("[name=body]");
    var label = document.getElementById("comment-target-label");
    var clear = document.getElementById("comment-target-clear");
    var wholeSection = label.textContent;
    var picked = null;
    function pick(el) {
      var info = keys[el.dataset.key];
      if (!info) { return; }
      if (picked) { picked.classList.remove("review-picked"); }
      picked = el;
      el.classList.add("review-picked");
      section.value = info[0];
      cell.value = el.dataset.key;
      label.textContent = info[1];
      clear.classList.remove("d-none");
      body.focus();
    }
    holder.querySelectorAll("[data-key]").forEach(function (el) {
      if (!keys[el.dataset.key]) { return; }
      el.classList.add("review-pickable");
      el.tabIndex = 0;
      el.addEventListener("click", function () { pick(el); });
      el.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); pick(el); }
      });
    });
    clear.addEventListener("click", function () {
      if (picked) { picked.classList.remove("review-picked"); picked = null; }
      cell.value = "";
      label.textContent = wholeSection;
      clear.classList.add("d-none");
    });
    section.addEventListener("change", function () { clear.click(); });
  });
})();
