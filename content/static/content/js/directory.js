// Progressive enhancement for the service directory's filter form. Without this file
// the form still works: each "Show" brings back the next level of regions.
//
// 1. Choosing a province (or regency) fills the next list from /open-data/regions.json.
// 2. "Nearest to me" asks the browser for the reader's location and only then, when
//    the reader pressed it, submits it as ?near=lat,lng (rounded to about 100 m). The
//    location is never sent anywhere else, and nothing is kept in the browser.
(function () {
  "use strict";
  var form = document.querySelector("form.directory-filters");
  if (!form) return;

  var levels = ["province", "regency", "district"];
  var regionsUrl = form.getAttribute("data-regions-url");

  function select(name) {
    return form.querySelector('select[name="' + name + '"]');
  }

  function resetBelow(index) {
    for (var i = index + 1; i < levels.length; i++) {
      var below = select(levels[i]);
      if (!below) continue;
      below.length = 1; // keep the "All ..." option
      below.value = "";
    }
  }

  function fill(target, regions) {
    regions.forEach(function (region) {
      var option = document.createElement("option");
      option.value = region.code;
      option.textContent = region.name;
      target.appendChild(option);
    });
  }

  levels.forEach(function (name, index) {
    var element = select(name);
    if (!element || index === levels.length - 1) return;
    element.addEventListener("change", function () {
      resetBelow(index);
      var next = select(levels[index + 1]);
      if (!element.value || !next || !regionsUrl || !window.fetch) return;
      next.setAttribute("aria-busy", "true");
      fetch(regionsUrl + "?parent=" + encodeURIComponent(element.value), {
        credentials: "omit",
        referrerPolicy: "no-referrer",
      })
        .then(function (response) {
          return response.ok ? response.json() : { regions: [] };
        })
        .then(function (data) {
          fill(next, data.regions || []);
        })
        .catch(function () {
          /* the "Show" button still loads the list from the server */
        })
        .then(function () {
          next.removeAttribute("aria-busy");
        });
    });
  });

  var nearButton = form.querySelector("button.near-me");
  var nearInput = form.querySelector('input[name="near"]');
  var note = form.parentNode.querySelector(".near-note");
  if (nearButton && nearInput && "geolocation" in navigator) {
    nearButton.hidden = false;
    if (note) note.hidden = false;
    nearButton.addEventListener("click", function () {
      nearButton.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var lat = position.coords.latitude.toFixed(3);
          var lng = position.coords.longitude.toFixed(3);
          nearInput.value = lat + "," + lng;
          form.submit();
        },
        function () {
          nearButton.disabled = false;
          var status = form.querySelector(".near-status");
          if (status) status.hidden = false;
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  }
})();
