// Review page: link extracted items to the source text, and let htmx show refused edits.
(function () {
  "use strict";

  function marks(key) {
    return document.querySelectorAll('#source-text mark[data-items~="' + key + '"]');
  }

  function clearHighlight() {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
  }

  // Click an item: highlight where it came from and scroll the source pane to it.
  document.addEventListener("click", function (event) {
    if (event.target.closest("button, a, input, select, textarea, label")) { return; }
    var row = event.target.closest("[data-src]");
    if (!row) { return; }
    clearHighlight();
    row.classList.add("hl");
    var found = marks(row.dataset.src);
    found.forEach(function (m) { m.classList.add("hl"); });
    if (found.length) { found[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
  });

  // Click a highlighted passage: show the items it produced.
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("#source-text mark");
    if (!mark) { return; }
    clearHighlight();
    mark.dataset.items.split(" ").forEach(function (key) {
      var row = document.querySelector('[data-src="' + key + '"]');
      if (row) { row.classList.add("hl"); }
    });
    var last = mark.dataset.items.split(" ").pop();
    var target = document.querySelector('[data-src="' + last + '"]');
    if (target) { target.scrollIntoView({ block: "center", behavior: "smooth" }); }
  });

  // The publish form carries the draft's revision; edits made on what this page shows move it
  // along (the server answers X-Draft-Revision), someone else's edit does not, so publishing a
  // draft changed behind the page is refused.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var current = document.getElementById("draft-revision");
    if (current) { event.detail.headers["X-Draft-Revision"] = current.value; }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var revision = event.detail.xhr && event.detail.xhr.getResponseHeader("X-Draft-Revision");
    if (!revision) { return; }
    document.querySelectorAll("input.draft-revision").forEach(function (input) {
      input.value = revision;
    });
  });

  document.addEventListener("click", function (event) {
    var cancel = event.target.closest("[data-cancel-new]");
    if (cancel) { cancel.closest(".new-item").remove(); }
  });
})();
