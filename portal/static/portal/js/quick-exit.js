// Quick exit (button, link or Escape key). Loaded in <head> without defer, so that the
// guard below runs before the page is painted.
//
// What it does about history, and why:
// 1. The button is a plain link to the neutral site, so it works without JavaScript
//    (then Back does return to the portal: the footer's safety tip says so).
// 2. With JavaScript, leaving uses location.replace(): the page the reader was on is
//    replaced by the neutral site instead of being followed by it, so Back does not
//    return to that page.
// 3. Pages of the portal opened earlier in the same tab are still in the tab's
//    history, and no page can remove them. So leaving also marks the tab (in
//    sessionStorage, which never leaves the browser and dies with the tab); any portal
//    page reached again with Back/Forward in that tab replaces itself with the
//    neutral site before it is painted. A page opened anew (typed, a link) clears the
//    mark, so the portal stays usable in that tab.
(function () {
  "use strict";
  var MARK = "satu-layanan-exit";

  function store(value) {
    try {
      if (value) sessionStorage.setItem(MARK, value);
      else sessionStorage.removeItem(MARK);
    } catch (error) {
      /* storage disabled: the replace alone still works */
    }
  }
  function marked() {
    try {
      return sessionStorage.getItem(MARK);
    } catch (error) {
      return null;
    }
  }
  function leave(url) {
    store(url);
    document.documentElement.className += " leaving";
    document.title = "";
    window.location.replace(url);
  }
  function cameBack(event) {
    if (event && event.persisted) return true; // restored from the back/forward cache
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }
  function guard(event) {
    var url = marked();
    if (!url) return;
    if (cameBack(event)) leave(url);
    else store(null);
  }

  guard();
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) guard(event);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link.href);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var link = document.querySelector("[data-quick-exit]");
    if (link) leave(link.href);
  });
})();
