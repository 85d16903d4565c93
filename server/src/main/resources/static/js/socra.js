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

  // Character counters ("123 / 4,000") for textareas that name one with data-counter. Over the
  // limit the text is kept whole (no maxlength cuts a paste), the counter turns red and says how
  // much to cut, and the form refuses to send it (the server refuses it too).
  function number(n) {
    return n.toLocaleString("en");
  }
  function count(field) {
    var out = document.getElementById(field.dataset.counter);
    var max = Number(field.dataset.max || field.getAttribute("maxlength"));
    if (!out || !max) {
      return;
    }
    var length = field.value.length;
    var over = length - max;
    if (over > 0) {
      var cut = number(over) + (over === 1 ? " character" : " characters");
      out.textContent = number(length) + " / " + number(max) + " · cut " + cut + " to send it";
      out.classList.add("over");
      field.setAttribute("aria-invalid", "true");
      field.setCustomValidity(
        "This is " + cut + " over the limit of " + number(max) + ": cut " + cut + " to send it.");
    } else {
      out.textContent = number(length) + " / " + number(max);
      out.classList.remove("over");
      field.removeAttribute("aria-invalid");
      field.setCustomValidity("");
    }
  }
  function countAll() {
    document.querySelectorAll("textarea[data-counter]").forEach(count);
  }
  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("textarea[data-counter]")) {
      count(e.target);
    }
  });
  document.addEventListener("DOMContentLoaded", countAll);
  document.addEventListener("htmx:afterSettle", countAll);

  // Ctrl+Enter (or Cmd+Enter) sends the answer from its textarea.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.matches &&
        e.target.matches("textarea[data-submit-on-ctrl-enter]")) {
      e.preventDefault();
      e.target.form.requestSubmit();
    }
  });

  // The question's words are complete: open the answer box now, while its quick replies and the
  // scores are still on their way.
  document.addEventListener("htmx:sseMessage", function (e) {
    if (!e.detail || e.detail.type !== "question") {
      return;
    }
    var current = e.target.closest ? e.target.closest("#current") : null;
    if (!current) {
      return;
    }
    current.dataset.state = "asked";
    var question = current.querySelector("#streaming-question");
    if (question) {
      question.setAttribute("aria-busy", "false");
    }
    current.querySelectorAll("fieldset[data-answer-fields]").forEach(function (f) {
      f.disabled = false;
    });
    var active = document.activeElement;
    if (question && (!active || active === document.body)) {
      question.focus({ preventScroll: true });
    }
  });

  // Whoever is typing in the answer box stays there when the turn arrives around it (the box
  // itself is kept by hx-preserve; the new question heading would otherwise take the focus).
  var typing = null;
  document.addEventListener("htmx:beforeSwap", function (e) {
    var a = document.activeElement;
    typing = a && a.matches && a.matches("textarea[hx-preserve]")
      ? { field: a, start: a.selectionStart, end: a.selectionEnd } : null;
    // A refused answer (400, 409) still comes back as the current question with the founder's
    // text: swap it in.
    var xhr = e.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.getResponseHeader("Socra-Fragment")) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    var t = typing;
    typing = null;
    if (t && document.body.contains(t.field) && document.activeElement !== t.field) {
      t.field.focus({ preventScroll: true });
      t.field.setSelectionRange(t.start, t.end);
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
  document.addEventListener("htmx:beforeRequest", function (e) {
    var box = document.getElementById("page-notice");
    if (box) {
      box.hidden = true;
    }
    // The turn arrived while the founder's answer to it is on its way: that answer's reply brings
    // the next state, and fetching the turn now would swap the page under it.
    var elt = e.detail && e.detail.elt;
    var current = elt && elt.closest ? elt.closest("#current") : null;
    if (current && elt.closest(".stream-status") && current.classList.contains("htmx-request")) {
      e.preventDefault();
    }
  });

  // A form that must not be sent twice (a new idea): a page the browser shows again from its
  // history after "back" is loaded afresh, with a new form key and an empty box.
  window.addEventListener("pageshow", function (e) {
    if (e.persisted && document.querySelector("form[data-reset-on-back]")) {
      window.location.reload();
    }
  });

  document.addEventListener("click", function (e) {
    if (!e.target.closest) {
      return;
    }
    // "Print or save as PDF" on the masterplan.
    if (e.target.closest("[data-print]")) {
      window.print();
    }
    // "Copy the link": the share link's field, selected and copied.
    var copy = e.target.closest("[data-copy-from]");
    if (copy) {
      var field = document.getElementById(copy.dataset.copyFrom);
      if (field) {
        field.select();
        if (navigator.clipboard) {
          navigator.clipboard.writeText(field.value).then(function () {
            copy.textContent = "Copied";
          }, function () {
            copy.textContent = "Selected: press Ctrl+C";
          });
        }
      }
    }
  });
})();
