// Quick exit: replace this page in the history with the neutral site, so the Back
// button does not come back here. The link itself works without JavaScript.
(function () {
  "use strict";
  function leave(url) {
    document.title = "";
    document.body.style.display = "none";
    window.location.replace(url);
  }
  function target() {
    var link = document.querySelector("[data-quick-exit]");
    return link ? link.href : null;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link.href);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && target()) leave(target());
  });
})();
