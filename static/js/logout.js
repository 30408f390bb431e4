/* Logging out forgets the unsaved input this browser kept for the person (drafting/step.js):
   the next person at this computer must never get it. Forgotten again as the page goes, since
   a save the logout click interrupted may keep its input meanwhile. */
(function () {
  "use strict";
  function forget() {
    try {
      Object.keys(localStorage).forEach(function (name) {
        if (name.indexOf("nianbao:") === 0) { localStorage.removeItem(name); }
      });
    } catch (e) { /* storage disabled: nothing was kept */ }
  }
  document.addEventListener("submit", function (event) {
    if (!event.target.hasAttribute("data-forget-drafts")) { return; }
    forget();
    window.addEventListener("pagehide", forget);
  });
}());
