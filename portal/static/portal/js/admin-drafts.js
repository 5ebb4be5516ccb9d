// Unsent text in staff forms survives the idle sign-out.
//
// What a staff member types in a textarea of an admin form is kept in this tab's
// sessionStorage (never sent anywhere: the POST itself is the only way it leaves the
// browser), under their user id and the form's page and action. When a send ends on
// the sign-in page (the session had ended), the text stays; after signing in again
// the staff member is sent back to the page (a GET) and finds it in the form. A send
// that went through (the next page is any other admin page without an error message)
// clears it.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.sessionStorage) return;
  var user = script.dataset.user || "";
  var loginPath = script.dataset.loginPath || "";
  var DRAFT = "portal-draft:";
  var SENT = "portal-draft-sent:";
  var store = window.sessionStorage;

  function keys(prefix) {
    var found = [];
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key && key.indexOf(prefix) === 0) found.push(key);
    }
    return found;
  }

  function ready(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  ready(function () {
    if (window.location.pathname === loginPath || !user) {
      // The send that led here did not get through: keep its text for later.
      keys(SENT).forEach(function (key) { store.removeItem(key); });
      return;
    }
    // The page after a send: it got through, unless the page reports an error.
    var failed = document.querySelector(".messages li.error") !== null;
    keys(SENT).forEach(function (mark) {
      store.removeItem(mark);
      if (failed) return;
      var formKey = mark.slice(SENT.length);
      keys(DRAFT + formKey + ":").forEach(function (key) { store.removeItem(key); });
    });
    var forms = document.querySelectorAll("form");
    Array.prototype.forEach.call(forms, function (form) {
      if ((form.getAttribute("method") || "").toLowerCase() !== "post") return;
      var fields = form.querySelectorAll("textarea[name]");
      if (!fields.length) return;
      var formKey = user + ":" + window.location.pathname + ":" + (form.getAttribute("action") || "");
      Array.prototype.forEach.call(fields, function (field) {
        var key = DRAFT + formKey + ":" + field.name;
        var kept = store.getItem(key);
        if (kept && !field.value) {
          field.value = kept;
          field.setAttribute("data-draft-restored", "");
        }
        field.addEventListener("input", function () {
          if (field.value) {
            store.setItem(key, field.value);
          } else {
            store.removeItem(key);
          }
        });
      });
      form.addEventListener("submit", function () {
        store.setItem(SENT + formKey, "1");
      });
    });
  });
})();
