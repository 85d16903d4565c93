// Socra's page behaviour: the little htmx does not do by itself.
(function () {
  "use strict";

  // htmx requests carry the CSRF token the page was rendered with (forms also carry it as a field).
  document.addEventListener("htmx:configRequest", function (e) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      e.detail.headers[header.content] = token.content;
    }
  });

  // Character counters ("123 / 4,000") for textareas that name one with data-counter.
  function count(field) {
    var out = document.getElementById(field.dataset.counter);
    if (out) {
      var max = Number(field.getAttribute("maxlength"));
      out.textContent = field.value.length.toLocaleString("en") + " / " + max.toLocaleString("en");
    }
  }
  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("textarea[data-counter]")) {
      count(e.target);
    }
  });

  // Ctrl+Enter (or Cmd+Enter) sends the answer from its textarea.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.matches &&
        e.target.matches("textarea[data-submit-on-ctrl-enter]")) {
      e.preventDefault();
      e.target.form.requestSubmit();
    }
  });

  // "Print or save as PDF" on the masterplan.
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
