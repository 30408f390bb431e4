/* Seeing a step: help for rows and columns, last year beside this year, a compact findings dock.
   Everything shown comes from JSON rendered from the format and last year's report, and from data-
   attributes the template translated; the table's own markup is the same for every report. */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }
  function jsonOf(id) {
    var el = byId(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  function remember(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* ignore */ } }
  function recall(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  /* ---- help for each row and column, from the format ---- */
  var help = null;

  function closeHelp() {
    if (!help) { return; }
    var opener = help.opener;
    help.box.remove();
    opener.setAttribute("aria-expanded", "false");
    help = null;
  }

  /* `notes`: [[kind label, note], …] shown together (a cell's row and column). */
  function openHelp(button, notes, messages) {
    var wasOpen = help && help.opener === button;
    closeHelp();
    if (wasOpen) { return; }
    var box = make("div", "help-note shadow");
    box.id = "help-note";
    box.setAttribute("role", "note");
    notes.forEach(function (pair) {
      var note = pair[1];
      box.appendChild(make("div", "help-note-title", pair[0] + "：" + note.label));
      if (note.meaning) { box.appendChild(make("p", "mb-1", note.meaning)); }
      if (note.article) { box.appendChild(make("p", "mb-1 help-note-article", note.article)); }
    });
    var close = make("button", "btn-close help-note-close");
    close.type = "button";
    close.setAttribute("aria-label", messages.close);
    close.addEventListener("click", function () { closeHelp(); button.focus(); });
    box.appendChild(close);
    document.body.appendChild(box);
    var r = button.getBoundingClientRect();
    var right = window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8;
    box.style.left = Math.max(8, Math.min(r.left + window.scrollX, right)) + "px";
    box.style.top = (r.bottom + window.scrollY + 4) + "px";
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", "help-note");
    help = { box: box, opener: button };
  }

  function addHelp() {
    var guide = jsonOf("table-guide");
    var table = document.querySelector(".entry-table");
    var source = byId("help-messages");
    if (!guide || !table || !source) { return; }
    var messages = { row: source.dataset.msgRow, column: source.dataset.msgColumn, close: source.dataset.msgClose,
                     about: source.dataset.msgAbout };
    function hasNote(note) { return note && (note.meaning || note.article); }
    guide.headers.forEach(function (target) {
      var row = table.rows[target[0]];
      var cell = row && row.cells[target[1]];
      var note = (target[2] === "row" ? guide.rows : guide.columns)[target[3]];
      if (!cell || !hasNote(note)) { return; }
      var button = make("button", "help-btn", "?");
      button.type = "button";
      button.tabIndex = -1;  // Tab keeps moving between cells; on a cell, Alt+H opens its help
      button.setAttribute("aria-label", messages.about + "：" + note.label);
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function (event) {
        event.preventDefault();
        openHelp(button, [[target[2] === "row" ? messages.row : messages.column, note]], messages);
      });
      cell.appendChild(button);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && help) { var opener = help.opener; closeHelp(); opener.focus(); }
      var where = event.target.classList && event.target.classList.contains("cell-input") && guide.fields[event.target.id];
      if (!(event.altKey && (event.key === "h" || event.key === "H") && where)) { return; }
      event.preventDefault();
      var notes = [[messages.row, guide.rows[where[0]]], [messages.column, guide.columns[where[1]]]];
      openHelp(event.target, notes.filter(function (pair) { return hasNote(pair[1]); }), messages);
    });
    document.addEventListener("click", function (event) {
      if (help && !help.box.contains(event.target) && event.target !== help.opener) { closeHelp(); }
    });
  }

  /* ---- 上年对比: last year's value beside every cell, last year's text beside every narrative ---- */
  var COMPARE_KEY = "nianbao:compare";

  function number(text) {
    var s = (text || "").trim();
    return s === "" || isNaN(Number(s)) ? null : Number(s);
  }

  function change(now, then, messages) {
    var a = number(now), b = number(then);
    if (a === null || b === null) { return ""; }
    var d = Math.round((a - b) * 10000) / 10000;
    if (d === 0) { return messages.unchanged; }
    return (d > 0 ? "+" : "−") + String(Math.abs(d));
  }

  function paragraphs(text) {
    return (text || "").split(/\n\s*\n/).map(function (p) { return p.trim(); }).filter(Boolean);
  }

  function cellNote(input, then, messages) {
    var note = input.parentNode.querySelector(".last-year-value");
    if (!note) {
      note = make("span", "last-year-value");
      input.parentNode.appendChild(note);
    }
    var delta = change(input.value, then, messages);
    note.textContent = messages.last + " " + (then === "" ? messages.empty : then) + (delta ? " · " + delta : "");
    note.classList.toggle("moved", delta !== "" && delta !== messages.unchanged);
  }

  function textNote(area, then, messages) {
    var box = area.parentNode.querySelector(".last-year-text");
    if (!box) {
      box = make("div", "last-year-text");
      area.parentNode.appendChild(box);
    }
    box.textContent = "";
    var now = paragraphs(area.value);
    var delta = area.value.trim().length - then.trim().length;
    var summary = area.value.trim() === then.trim() ? messages.unchanged
      : (delta >= 0 ? "+" : "−") + Math.abs(delta) + " " + messages.chars;
    box.appendChild(make("div", "last-year-title", messages.lastText + "（" + messages.last + "）· " + summary));
    var old = paragraphs(then);
    if (!old.length) { box.appendChild(make("p", "mb-0 text-muted", messages.empty)); }
    old.forEach(function (p) {
      // A paragraph kept word for word is shown muted: what moved stands out.
      box.appendChild(make("p", now.indexOf(p) >= 0 ? "kept" : "changed", p));
    });
  }

  function setupCompare() {
    var toggle = byId("compare-toggle");
    var data = jsonOf("compare-data");
    if (!toggle || !data) { return; }
    var messages = { last: toggle.dataset.msgLast, unchanged: toggle.dataset.msgUnchanged,
                     empty: toggle.dataset.msgEmpty, chars: toggle.dataset.msgChars,
                     lastText: toggle.dataset.msgLastText };
    var on = false;

    function refresh() {
      if (!on) { return; }
      Object.keys(data.cells).forEach(function (id) {
        var input = byId(id);
        if (input) { cellNote(input, data.cells[id], messages); }
      });
      Object.keys(data.texts).forEach(function (id) {
        var area = byId(id);
        if (area) { textNote(area, data.texts[id], messages); }
      });
    }

    function set(value) {
      on = value;
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      document.body.classList.toggle("comparing", on);
      remember(COMPARE_KEY, on ? "1" : "0");
      if (on) { refresh(); } else {
        document.querySelectorAll(".last-year-value, .last-year-text").forEach(function (el) { el.remove(); });
      }
    }

    toggle.hidden = false;
    toggle.addEventListener("click", function () { set(!on); });
    document.addEventListener("input", refresh);
    document.body.addEventListener("htmx:afterSwap", function () { window.setTimeout(refresh, 0); });
    if (recall(COMPARE_KEY) === "1") { set(true); }
  }

  /* ---- the findings dock under a table: compact by default, larger on demand or on a conflict ---- */
  function setupDock() {
    var dock = document.querySelector(".live-dock");
    var source = byId("dock-toggle-messages");
    if (!dock || !source) { return; }
    var button = make("button", "btn btn-sm btn-outline-secondary dock-toggle");
    button.type = "button";
    function set(expanded) {
      dock.classList.toggle("dock-expanded", expanded);
      button.setAttribute("aria-expanded", expanded ? "true" : "false");
      button.textContent = expanded ? source.dataset.msgLess : source.dataset.msgMore;
    }
    button.addEventListener("click", function () { set(!dock.classList.contains("dock-expanded")); });
    dock.insertBefore(button, dock.firstChild);
    set(false);
    document.body.addEventListener("htmx:afterSwap", function () {
      // A conflict or input that was not understood needs room to be read and answered.
      if (dock.querySelector(".conflict-panel, .border-danger")) { set(true); }
    });
  }

  /* ---- narrative boxes grow with their text (typing on a tablet, printing) ---- */
  function setupTexts() {
    function grow(area) {
      area.style.height = "auto";
      area.style.height = (area.scrollHeight + 2) + "px";
    }
    function growAll() { document.querySelectorAll(".text-field textarea").forEach(grow); }
    growAll();
    // Fonts and the final width arrive after the script runs; a turned tablet changes the width.
    window.addEventListener("load", growAll);
    window.addEventListener("resize", growAll);
    window.addEventListener("beforeprint", growAll);
    document.addEventListener("input", function (event) {
      if (event.target.matches && event.target.matches(".text-field textarea")) { grow(event.target); }
    });
  }

  function start() {
    addHelp();
    setupCompare();
    setupDock();
    setupTexts();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
