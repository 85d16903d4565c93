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

  // A request htmx sent that did not work: say so in words, at the top of the page.
  function notice(text) {
    var box = document.getElementById("page-notice");
    if (box) {
      box.textContent = text;
      box.hidden = false;
    }
  }
  document.addEventListener("htmx:responseError", function (e) {
    var xhr = e.detail.xhr;
    var text = "That did not work (" + xhr.status + "). Reload the page and try again.";
    try {
      var type = xhr.getResponseHeader("Content-Type") || "";
      if (type.indexOf("json") >= 0) {
        var problem = JSON.parse(xhr.responseText);
        text = problem.detail || (problem.error && problem.error.message) || text;
      } else if (type.indexOf("html") >= 0) {
        var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var title = page.querySelector("main h1");
        var detail = page.querySelector("main h1 + p");
        if (title) {
          text = title.textContent.trim() + (detail ? ": " + detail.textContent.trim() : "");
        }
      }
    } catch (ignored) {
      // keep the plain message
    }
    notice(text);
  });
  document.addEventListener("htmx:sendError", function () {
    notice("The server could not be reached. Check the connection, then try again.");
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("page-notice");
    if (box) {
      box.hidden = true;
    }
  });

  // "Print or save as PDF" on the masterplan.
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
