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

  // Drag to reorder items and bullets (a pointer's way; Move up / Move down are the keyboard's).
  // A drop sends the same reorder request as the buttons, with the new position: items to their
  // /move route ("to"), bullets through their form ("action=to:FROM:TO").
  var dragged = null;

  // The item or bullet of the dragged one's list under the pointer (a bullet lies inside an item).
  function dropTarget(event) {
    if (!dragged) return null;
    var kind = dragged.getAttribute("data-drag");
    for (var node = event.target; node && node.nodeType === 1; node = node.parentElement) {
      if (node.getAttribute("data-drag") === kind && node.parentElement === dragged.parentElement) return node;
    }
    return null;
  }

  function peers(element) {
    var kind = element.getAttribute("data-drag");
    return Array.prototype.filter.call(element.parentElement.children, function (child) {
      return child.getAttribute("data-drag") === kind;
    });
  }

  document.addEventListener("dragstart", function (event) {
    var handle = event.target && event.target.closest ? event.target.closest(".drag-handle") : null;
    if (!handle) return;
    dragged = handle.closest("[data-drag]");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    // A type of our own: no text field elsewhere takes the drop as text to insert.
    event.dataTransfer.setData("application/x-jobwise-move", dragged.getAttribute("data-drag"));
    dragged.classList.add("dragging");
  });

  document.addEventListener("dragover", function (event) {
    var over = dropTarget(event);
    if (!over) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    peers(over).forEach(function (peer) { peer.classList.toggle("drop-here", peer === over); });
  });

  function endDrag() {
    if (!dragged) return;
    peers(dragged).forEach(function (peer) { peer.classList.remove("drop-here", "dragging"); });
    dragged = null;
  }

  document.addEventListener("drop", function (event) {
    var over = dropTarget(event);
    if (!over) return;
    event.preventDefault();
    var source = dragged;
    var list = peers(source);
    var from = list.indexOf(source);
    var to = list.indexOf(over);
    endDrag();
    if (from < 0 || to < 0 || from === to) return;
    var target = source.getAttribute("data-target");
    if (source.hasAttribute("data-move-url")) {
      window.htmx.ajax("POST", source.getAttribute("data-move-url"), {
        source: source, target: target, swap: "outerHTML", values: { to: String(to) }
      });
    } else {
      var form = source.closest("form");
      window.htmx.ajax("POST", form.getAttribute("hx-post"), {
        source: source, target: target, swap: "outerHTML", values: { action: "to:" + from + ":" + to }
      });
    }
  });

  document.addEventListener("dragend", endDrag);

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
