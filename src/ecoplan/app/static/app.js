// ecoplan: small page behaviours. No inline scripts (the Content-Security-Policy forbids them).
"use strict";

// Forms and buttons with data-confirm="…" ask before submitting.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
    return;
  }
  // data-busy="…": say what is happening while the request runs, and refuse a second click.
  var busy = form.getAttribute("data-busy");
  if (busy) {
    var status = form.querySelector(".busy");
    if (status) { status.textContent = busy; status.hidden = false; }
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }
});

// Close the phone menu after choosing an item.
document.addEventListener("click", function (event) {
  if (event.target.closest(".nav a")) {
    var toggle = document.getElementById("nav-toggle");
    if (toggle) { toggle.checked = false; }
  }
});
