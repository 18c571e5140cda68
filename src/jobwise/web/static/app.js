/* JobWise in the browser: the little that server-rendered HTML and htmx cannot say themselves.
 *
 * - Every htmx request carries the page's CSRF token (X-CSRF-Token).
 * - An error answer goes into the error box of the form it came from (or the page's), and a
 *   request that never reached the server says so, instead of failing silently.
 * - Alpine components, registered here because the CSP build of Alpine evaluates no strings as code.
 */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function errorBoxFor(element) {
    var node = element;
    while (node && node.nodeType === 1) {
      var named = node.getAttribute("data-errors");
      if (named) {
        var box = document.getElementById(named);
        if (box) return box;
      }
      if (node.tagName === "FORM") {
        var inside = node.querySelector(".error-box");
        if (inside) return inside;
      }
      node = node.parentElement;
    }
    return document.getElementById("page-error");
  }

  function show(box, html) {
    if (!box) return;
    box.innerHTML = html;
    box.classList.toggle("shown", html !== "");
  }

  function sourceOf(event) {
    var detail = event.detail || {};
    return (detail.requestConfig && detail.requestConfig.elt) || detail.elt || event.target;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail.isError) return;
    var box = errorBoxFor(sourceOf(event));
    detail.target = box;
    detail.swapOverride = "innerHTML";
    detail.shouldSwap = true;
    if (box) box.classList.add("shown");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      var box = errorBoxFor(sourceOf(event));
      if (box && box.id !== "page-error") show(box, "");
    }
  });

  function unreachable(event) {
    var paragraph = document.createElement("p");
    paragraph.textContent =
      "JobWise could not be reached, so nothing was saved. Check your connection and try again.";
    var box = errorBoxFor(sourceOf(event));
    show(box, "");
    if (box) box.appendChild(paragraph);
  }
  document.addEventListener("htmx:sendError", unreachable);
  // A live view (Server-Sent Events) that lost its server: the browser retries on its own.
  document.addEventListener("htmx:sseError", function (event) {
    var paragraph = document.createElement("p");
    paragraph.textContent =
      "The live view lost its connection to JobWise and is trying again; the run itself goes on.";
    var box = errorBoxFor(sourceOf(event));
    show(box, "");
    if (box) box.appendChild(paragraph);
  });
  document.addEventListener("htmx:sseOpen", function (event) {
    var box = errorBoxFor(sourceOf(event));
    if (box && box.id !== "page-error") show(box, "");
  });
  document.addEventListener("htmx:timeout", unreachable);

  // A letter being written: a "retry" event means the draft so far was set aside (it failed the
  // truth check), and a second one is on its way.
  document.addEventListener("htmx:sseMessage", function (event) {
    if (event.detail && event.detail.type === "retry") {
      var text = document.getElementById("letter-live-text");
      if (text) text.textContent = "";
    }
  });

  document.addEventListener("alpine:init", function () {
    var Alpine = window.Alpine;

    // A form that saves itself: "Saving…", "Saved at 10:42", or "Not saved".
    Alpine.data("saveStatus", function () {
      return {
        state: "idle",
        message: "",
        saving: function () {
          this.state = "saving";
          this.message = "Saving…";
        },
        done: function (event) {
          if (event.detail && event.detail.successful) {
            this.state = "saved";
            this.message = "Saved at " + new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          } else {
            this.state = "failed";
            this.message = "Not saved: see the message above.";
          }
        }
      };
    });

    // A dangerous button that stays disabled until the person types the expected words.
    Alpine.data("confirmTyped", function () {
      return {
        typed: "",
        expected: "",
        init: function () {
          this.expected = (this.$el.getAttribute("data-expected") || "").trim().toLowerCase();
        },
        get matches() {
          return this.expected !== "" && this.typed.trim().toLowerCase() === this.expected;
        }
      };
    });

    // Show the changes, the original or the enhanced text of one item.
    Alpine.data("versionView", function () {
      return {
        view: "changes",
        show: function (event) {
          this.view = event.target.getAttribute("data-view");
        }
      };
    });
  });
})();
