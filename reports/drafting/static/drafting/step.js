/* Drafting wizard step: live checks (htmx), keyboard moves, paste from Excel/WPS, nothing lost.
   Every message shown comes from data- attributes rendered by the template (translated there). */
(function () {
  "use strict";

  var form = document.getElementById("step-form");
  if (!form || form.dataset.editable !== "1") { return; }
  var table = form.querySelector(".entry-table");
  var versionInput = document.getElementById("version-input");
  var tabInput = document.getElementById("tab-input");
  var saveStatus = document.getElementById("save-status");
  var dirty = false;
  var editsSinceRequest = 0;
  var knownFindings = null;
  /* One autosave at a time (hx-sync); a form post waits for one under way, and no autosave follows a post.
     Pressing a submit button leaves the field, whose change would autosave what the post is about to
     send: that autosave is skipped, and sent after all if the press ends without a post. */
  var inFlight = false;
  var submitting = false;
  var heldSubmit = null;
  var pressing = false;
  var skipped = false;

  function byId(id) { return document.getElementById(id); }
  function show(el, text) { if (text !== undefined) { el.textContent = text; } el.classList.remove("d-none"); }
  function hide(el) { el.classList.add("d-none"); }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" && !el.readOnly &&
        (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "hidden" && el.type !== "submit"));
    });
  }

  function snapshot(asRendered) {
    var values = {};
    fields().forEach(function (el) { values[el.name] = asRendered ? el.defaultValue : el.value; });
    return values;
  }

  /* ---- this tab: an id kept for the tab's life, and a count of its saves, sent with every save ---- */
  function session(name, make) {
    try {
      var value = sessionStorage.getItem(name);
      if (value === null) { value = make(); sessionStorage.setItem(name, value); }
      return value;
    } catch (e) { return make(); }
  }
  var tab = session("nianbao:tab", function () {
    var bytes = new Uint8Array(9);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  });
  var seq = +session("nianbao:tab-seq", function () { return "0"; });
  function stamp() {
    seq += 1;
    try { sessionStorage.setItem("nianbao:tab-seq", String(seq)); } catch (e) { /* counted in memory */ }
    tabInput.value = tab + ":" + seq;
    return tabInput.value;
  }

  /* ---- kept in this browser until saved (survives an expired session) ----
     One copy per person, report, step and tab, with the values the server held when it was typed
     (`base`): it is put back only where the server still holds those, i.e. where it is newer. */
  var prefix = form.dataset.storageKey + ":";
  var storageKey = prefix + tab;
  var base = snapshot(true);
  var sent = null;

  function keep() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ saved: Date.now(), base: base, values: snapshot() }));
    } catch (e) { /* storage full or disabled: the live save still runs */ }
  }
  function forget() { try { localStorage.removeItem(storageKey); } catch (e) { /* ignore */ } }

  /* This person's copies of this step, oldest first, taken out of storage (the one put back is kept again).
     Copies from before they were kept per person have no owner: nobody gets them. */
  function takeKeptCopies() {
    var copies = [];
    try {
      Object.keys(localStorage).forEach(function (name) {
        if (name.indexOf(prefix) !== 0 && !/^nianbao:\d+:/.test(name)) { return; }
        var kept = name.indexOf(prefix) === 0 ? JSON.parse(localStorage.getItem(name) || "null") : null;
        localStorage.removeItem(name);
        if (kept && kept.values && kept.base) { copies.push(kept); }
      });
    } catch (e) { return copies; }
    return copies.sort(function (a, b) { return a.saved - b.saved; });
  }

  function labelOf(el) {
    var label = el.id && form.querySelector("label[for='" + el.id + "']");
    return el.getAttribute("aria-label") || (label ? label.textContent.trim() : el.name);
  }

  function listRestored(restored, server) {
    var list = byId("restore-list");
    list.textContent = "";
    restored.forEach(function (el) {
      var item = document.createElement("li");
      var value = el.value.length > 80 ? el.value.slice(0, 80) + "…" : el.value;
      item.textContent = labelOf(el) + "：" + (value || form.dataset.msgEmpty);
      list.appendChild(item);
    });
    byId("restore-undo").onclick = function () {
      restored.forEach(function (el) { el.value = server[el.name]; });
      offerLastYear();
      hide(byId("restore-notice"));
      markDirty();
      form.dispatchEvent(new Event("change", { bubbles: true }));
    };
  }

  function restore() {
    var server = snapshot(true);
    var byName = {};
    fields().forEach(function (el) { byName[el.name] = el; });
    var restored = [];
    takeKeptCopies().forEach(function (kept) {
      Object.keys(kept.values).forEach(function (name) {
        var el = byName[name];
        var value = kept.values[name];
        /* The server changed it since this was typed: what it holds is newer. */
        if (!el || kept.base[name] !== server[name] || value === el.value) { return; }
        el.value = value;
        unmarkPrefilled(el);
        if (restored.indexOf(el) === -1) { restored.push(el); }
      });
    });
    if (!restored.length) { return false; }
    offerLastYear();
    listRestored(restored, server);
    show(byId("restore-notice"));
    markDirty();
    form.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  function markDirty() { dirty = true; editsSinceRequest += 1; keep(); }

  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = form.dataset.msgLeave; return form.dataset.msgLeave; }
  });
  window.addEventListener("pageshow", function (event) { if (event.persisted) { submitting = false; } });
  document.addEventListener("pointerdown", function (event) {
    var button = event.target.closest && event.target.closest("button[type=submit]");
    pressing = Boolean(button && button.form === form);
  }, true);
  function released() {
    if (!pressing) { return; }
    window.setTimeout(function () {  /* after the click and its submit, if any */
      pressing = false;
      if (skipped && !submitting) { skipped = false; form.dispatchEvent(new Event("change", { bubbles: true })); }
    }, 0);
  }
  document.addEventListener("pointerup", released, true);
  document.addEventListener("pointercancel", released, true);
  form.addEventListener("submit", function (event) {
    if (inFlight) {  /* the autosave of the same input is under way: post after it, with its version */
      event.preventDefault();
      heldSubmit = { submitter: event.submitter || null };
      return;
    }
    submitting = true;
    dirty = false;
    stamp();
    keep();
  });
  form.addEventListener("input", function (event) {
    unmarkPrefilled(event.target);
    markDirty();
    updatePrefillOffers(event.target);
    offerLastYear();
  });

  /* 「以上年报告的文字为起点」 only fills an empty text: offered while the text is empty. */
  function offerLastYear() {
    form.querySelectorAll(".copy-last-year").forEach(function (button) {
      var text = form.elements[button.value.replace(/^copy:/, "")];
      button.hidden = Boolean(text && text.value.trim());
    });
  }

  /* ---- live check responses ---- */
  function setMarks(state) {
    form.querySelectorAll("[aria-invalid], .has-error, .has-warning, .is-invalid").forEach(function (el) {
      el.removeAttribute("aria-invalid");
      el.classList.remove("has-error", "has-warning", "is-invalid");
      var base = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return /-prefilled$/.test(id) || /_helptext$/.test(id);
      });
      if (base.length) { el.setAttribute("aria-describedby", base.join(" ")); } else { el.removeAttribute("aria-describedby"); }
    });
    function describe(el, ids) {
      var now = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      el.setAttribute("aria-describedby", now.concat(ids).join(" "));
    }
    Object.keys(state.marks).forEach(function (id) {
      var el = byId(id);
      if (!el) { return; }
      describe(el, state.marks[id].ids);
      el.classList.add(state.marks[id].error ? "has-error" : "has-warning");
      if (state.marks[id].error) { el.setAttribute("aria-invalid", "true"); }
    });
    state.errors.forEach(function (id) {
      var el = byId(id);
      if (!el) { return; }
      el.classList.add("is-invalid");
      el.setAttribute("aria-invalid", "true");
      describe(el, [id + "-error"]);
    });
  }

  function announce(state) {
    if (knownFindings !== null) {
      var fresh = [];
      document.querySelectorAll("#live-panel .finding").forEach(function (li) {
        if (knownFindings.indexOf(li.dataset.signature) === -1) { fresh.push(li.dataset.message); }
      });
      if (fresh.length) { byId("live-announce").textContent = form.dataset.msgNewFindings + " " + fresh.join("；"); }
    }
    knownFindings = state.findings;
  }

  function updateNav(statuses) {
    document.querySelectorAll(".step-nav [data-step]").forEach(function (item) {
      var status = statuses[item.dataset.step];
      var badge = item.querySelector(".task-status");
      if (!status || !badge) { return; }
      badge.className = "task-status task-" + status[0];
      badge.textContent = status[1];
    });
  }

  /* What the server now holds: what was sent, except what it could not take. */
  function saved(state) {
    if (!sent) { return; }
    var refused = state.clashing.slice();
    state.errors.forEach(function (id) { var el = byId(id); if (el) { refused.push(el.name); } });
    Object.keys(sent).forEach(function (name) { if (refused.indexOf(name) === -1) { base[name] = sent[name]; } });
    sent = null;
  }

  function applyState(fromServer) {
    var holder = byId("live-state");
    if (!holder) { return; }
    var state = JSON.parse(holder.dataset.state);
    Object.keys(state.totals).forEach(function (id) {
      var el = byId(id);
      if (el) { el.value = state.totals[id]; }
    });
    setMarks(state);
    announce(state);
    if (fromServer) {
      versionInput.value = state.version;
      saved(state);
      if (editsSinceRequest === 0 && !state.conflict && !state.errors.length) {
        dirty = false;
        forget();
      } else {
        keep();
      }
      var partly = state.conflict || state.errors.length;
      saveStatus.textContent = partly ? form.dataset.msgPartly : form.dataset.msgSaved;
      byId("last-saved").textContent = state.last_saved;
      updateNav(state.statuses);
    }
  }

  document.body.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt !== form) { return; }
    event.detail.parameters.tab = stamp();
  });
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt !== form) { return; }
    if (submitting || pressing) {  /* the form post carries this input */
      skipped = pressing;
      event.preventDefault();
      return;
    }
    inFlight = true;
    sent = snapshot();
    editsSinceRequest = 0;
    saveStatus.textContent = form.dataset.msgSaving;
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form) { return; }
    inFlight = false;
    if (heldSubmit) {
      var held = heldSubmit;
      heldSubmit = null;
      form.requestSubmit(held.submitter);
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "live-panel") { applyState(true); }
  });
  document.body.addEventListener("htmx:responseError", function (event) {
    if (event.detail.elt !== form) { return; }
    sent = null;
    keep();
    var status = event.detail.xhr.status;
    if (status === 401) { show(byId("session-expired")); saveStatus.textContent = ""; return; }
    saveStatus.textContent = status === 403 ? form.dataset.msgRefused : form.dataset.msgFailed;
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    if (event.detail.elt === form) { sent = null; keep(); saveStatus.textContent = form.dataset.msgFailed; }
  });

  /* ---- conflicts: take the other person's value ---- */
  byId("live-panel").addEventListener("click", function (event) {
    var button = event.target.closest(".use-theirs");
    if (!button) { return; }
    var el = byId(button.dataset.target);
    if (!el) { return; }
    el.value = button.dataset.value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    el.focus();
  });

  /* ---- prefilled values ---- */
  function unmarkPrefilled(el) {
    if (!el.classList || !el.classList.contains("prefilled")) { return; }
    el.classList.remove("prefilled");
    el.removeAttribute("title");
    el.closest("td").classList.remove("cell-prefilled");
    var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return !/-prefilled$/.test(id); });
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
  }

  function number(text) {
    var folded = String(text || "").replace(/[\uff10-\uff19]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48);
    }).replace(/[,，\s]/g, "");
    var n = parseInt(folded, 10);
    return isNaN(n) ? 0 : n;
  }

  /* An offer that follows this year's cells (现行有效件数: last year's stock + issued − repealed) is
     recomputed from its formula, sent by the server as {target id: {base, terms: [[sign, id], …]}},
     while it is still the offer. */
  function updatePrefillOffers(changed) {
    if (!table || !changed.id) { return; }
    var formulas = JSON.parse(table.dataset.prefillFormulas || "{}");
    Object.keys(formulas).forEach(function (targetId) {
      var formula = formulas[targetId];
      var reads = formula.terms.some(function (term) { return term[1] === changed.id; });
      var target = byId(targetId);
      if (!reads || !target || !target.classList.contains("prefilled")) { return; }
      var total = formula.base;
      formula.terms.forEach(function (term) {
        var cell = byId(term[1]);
        total += term[0] * number(cell ? cell.value : "");
      });
      target.value = String(Math.max(total, 0));
    });
  }

  /* ---- keyboard: Enter moves down, arrows move between cells ---- */
  function cells() { return Array.prototype.slice.call(table.querySelectorAll(".cell-input:not([readonly])")); }
  function pos(el) { return { row: +el.dataset.row, col: +el.dataset.col, span: +el.dataset.colspan }; }

  function neighbour(el, direction) {
    var here = pos(el);
    var best = null;
    var bestDistance = Infinity;
    cells().forEach(function (other) {
      if (other === el) { return; }
      var p = pos(other);
      var distance;
      if (direction === "down" || direction === "up") {
        var overlaps = p.col <= here.col && here.col < p.col + p.span;
        var ahead = direction === "down" ? p.row > here.row : p.row < here.row;
        if (!overlaps || !ahead) { return; }
        distance = Math.abs(p.row - here.row);
      } else {
        var right = direction === "right" ? p.col > here.col : p.col < here.col;
        if (p.row !== here.row || !right) { return; }
        distance = Math.abs(p.col - here.col);
      }
      if (distance < bestDistance) { best = other; bestDistance = distance; }
    });
    return best;
  }

  function atEdge(el, side) {
    if (el.selectionStart === null) { return true; }
    if (el.selectionStart !== el.selectionEnd) { return false; }
    return side === "left" ? el.selectionStart === 0 : el.selectionEnd === el.value.length;
  }

  if (table) {
    table.addEventListener("keydown", function (event) {
      var el = event.target;
      if (!el.classList.contains("cell-input") || event.altKey || event.ctrlKey || event.metaKey) { return; }
      var direction = null;
      if (event.key === "Enter" || event.key === "ArrowDown") { direction = event.shiftKey && event.key === "Enter" ? "up" : "down"; }
      else if (event.key === "ArrowUp") { direction = "up"; }
      else if (event.key === "ArrowLeft" && atEdge(el, "left")) { direction = "left"; }
      else if (event.key === "ArrowRight" && atEdge(el, "right")) { direction = "right"; }
      if (!direction) { return; }
      event.preventDefault();
      var next = neighbour(el, direction);
      if (next) { next.focus(); next.select(); }
    });

    /* ---- paste a block from Excel/WPS: the server parses it, all or nothing ---- */
    table.addEventListener("paste", function (event) {
      var el = event.target;
      if (!el.classList.contains("cell-input") || el.readOnly) { return; }
      var text = (event.clipboardData || window.clipboardData).getData("text");
      if (!/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""))) { return; }
      event.preventDefault();
      var message = byId("paste-message");
      hide(message);
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      body.append("anchor", el.name);
      body.append("text", text);
      fetch(table.dataset.pasteUrl, { method: "POST", body: body, credentials: "same-origin",
                                      headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then(function (response) {
          if (response.status === 401) { show(byId("session-expired")); return null; }
          return response.json();
        })
        .then(function (answer) {
          if (!answer) { return; }
          if (answer.error) { show(message, answer.error); return; }
          Object.keys(answer.values).forEach(function (id) {
            var target = byId(id);
            if (target) { target.value = answer.values[id]; unmarkPrefilled(target); }
          });
          markDirty();
          el.dispatchEvent(new Event("change", { bubbles: true }));
        })
        .catch(function () { show(message, form.dataset.msgFailed); });
    });
  }

  applyState(false);
  offerLastYear();
  /* After htmx has set up the form (its own DOMContentLoaded handler was registered first). */
  document.addEventListener("DOMContentLoaded", function () {
    if (!restore() && form.querySelector("[data-unsaved-offer]")) {
      form.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
}());
