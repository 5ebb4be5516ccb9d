/* Progressive enhancement of the complaint form; the form works fully without it.
 * - region picker: choosing an area loads the next level's choices in place;
 * - the emergency box is highlighted as soon as "in danger" is ticked;
 * - reCAPTCHA v3: fetch a token on submit (no inline script: the CSP forbids it). */
(function () {
  "use strict";
  var form = document.querySelector(".complaint-form");
  if (!form) { return; }
  document.documentElement.classList.add("js");

  var danger = form.querySelector("[name=immediate_danger]");
  var box = document.getElementById("emergency");
  if (danger && box) {
    danger.addEventListener("change", function () {
      box.classList.toggle("emergency--urgent", danger.checked);
      if (danger.checked) { box.setAttribute("role", "alert"); } else { box.removeAttribute("role"); }
    });
  }

  var levels = ["province", "regency", "district", "village"];
  var regionsUrl = form.getAttribute("data-regions-url");
  function selectFor(name) { return form.querySelector("select[name=" + name + "]"); }
  function ensureSelect(index) {
    var name = levels[index];
    var existing = selectFor(name);
    if (existing) { return existing; }
    var picker = document.getElementById("region-picker");
    var wrapper = document.createElement("div");
    wrapper.className = "field";
    wrapper.id = "field-" + name;
    var label = document.createElement("label");
    label.setAttribute("for", "id_" + name);
    label.textContent = picker.getAttribute("data-label-" + name) || name;
    var select = document.createElement("select");
    select.name = name;
    select.id = "id_" + name;
    wrapper.appendChild(label);
    wrapper.appendChild(select);
    picker.insertBefore(wrapper, picker.querySelector(".region-next"));
    select.addEventListener("change", onChange);
    return select;
  }
  function clearBelow(index) {
    for (var i = index + 1; i < levels.length; i++) {
      var select = selectFor(levels[i]);
      if (select) { select.closest(".field").remove(); }
    }
  }
  function onChange(event) {
    var index = levels.indexOf(event.target.name);
    clearBelow(index);
    var code = event.target.value;
    if (!code || index === levels.length - 1 || !regionsUrl) { return; }
    fetch(regionsUrl + "?parent=" + encodeURIComponent(code), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : { regions: [] }; })
      .then(function (data) {
        if (!data.regions.length) { return; }
        var select = ensureSelect(index + 1);
        var picker = document.getElementById("region-picker");
        select.innerHTML = "";
        var empty = document.createElement("option");
        empty.value = "";
        empty.textContent = picker.getAttribute("data-empty") || "—";
        select.appendChild(empty);
        data.regions.forEach(function (pair) {
          var option = document.createElement("option");
          option.value = pair[0];
          option.textContent = pair[1];
          select.appendChild(option);
        });
      })
      .catch(function () { document.documentElement.classList.remove("js"); });
  }
  levels.forEach(function (name) {
    var select = selectFor(name);
    if (select) { select.addEventListener("change", onChange); }
  });

  var v3 = form.querySelector("[data-recaptcha-v3]");
  if (v3) {
    form.addEventListener("submit", function (event) {
      if (v3.value || !window.grecaptcha || !window.grecaptcha.execute) { return; }
      event.preventDefault();
      window.grecaptcha.ready(function () {
        window.grecaptcha.execute(v3.getAttribute("data-recaptcha-v3"), { action: v3.getAttribute("data-action") })
          .then(function (token) { v3.value = token; form.submit(); }, function () { form.submit(); });
      });
    });
  }
})();
