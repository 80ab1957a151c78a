// ecoplan progress pages: choosing a period reloads the page for it (no inline scripts: CSP).
"use strict";

document.addEventListener("change", function (event) {
  var select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) {
    select.form.submit();
  }
});
