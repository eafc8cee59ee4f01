// ticms: small behaviours without inline scripts. Everything here is an enhancement: without script every form
// still posts and the server still refuses what it must.

// The confirmation dialog (web/includes/confirm_dialog.html) instead of window.confirm: a form with data-confirm,
// or an action panel whose chosen outcome carries data-confirm, asks first; 确定 submits the form.
(function () {
  var pending = null;

  function confirmMessage(form) {
    if (form.hasAttribute("data-action-panel")) {
      var chosen = form.querySelector("input[name=transition]:checked");
      return chosen ? chosen.getAttribute("data-confirm") : null;
    }
    return form.getAttribute("data-confirm");
  }

  function ask(form, message) {
    var dialog = document.getElementById("ticms-confirm");
    if (!dialog || !window.bootstrap) {
      return window.confirm(message);
    }
    pending = form;
    document.getElementById("ticms-confirm-body").textContent = message;
    window.bootstrap.Modal.getOrCreateInstance(dialog).show();
    return false;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.getAttribute) return;
    var message = confirmMessage(form);
    if (message) {
      event.preventDefault();
      if (ask(form, message)) {
        form.submit(); // no dialog to show (no Bootstrap): the browser's own question was answered 确定
      }
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target && event.target.id === "ticms-confirm-ok" && pending) {
      var form = pending;
      var dialog = document.getElementById("ticms-confirm");
      window.bootstrap.Modal.getOrCreateInstance(dialog).hide();
      form.submit(); // not requestSubmit: the submit listener would ask again
      pending = null;
    }
  });

  document.addEventListener("hidden.bs.modal", function (event) {
    if (event.target && event.target.id === "ticms-confirm") {
      pending = null;
    }
  });
})();

// The action panel: the comment becomes required for an outcome that needs one, and the submit button turns red
// and names the outcome when the chosen one is dangerous.
(function () {
  function update(form) {
    var chosen = form.querySelector("input[name=transition]:checked");
    var comment = form.querySelector("textarea[name=comment]");
    var submit = form.querySelector("[data-panel-submit]");
    var dangerous = !!(chosen && chosen.hasAttribute("data-dangerous"));
    if (comment) comment.required = !!(chosen && chosen.hasAttribute("data-comment-required"));
    if (submit) {
      submit.classList.toggle("btn-danger", dangerous);
      submit.classList.toggle("btn-primary", !dangerous);
      if (submit.hasAttribute("data-names-choice")) {
        var label = chosen && form.querySelector("label[for='" + chosen.id + "']");
        var name = label && label.firstChild ? label.firstChild.textContent.trim() : "";
        submit.textContent = name ? "提交：" + name : "提交";
      }
    }
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.name === "transition" && input.form && input.form.hasAttribute("data-action-panel")) {
      update(input.form);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-action-panel]").forEach(update);
  });
})();

// A form whose fields belong to one type each (the change request: data-shown-for="rename", "other:lead_unit" …)
// shows only the fields of the chosen kind (and matter). Without script every field shows; the server checks
// each type's fields and ignores the rest.
(function () {
  function chosen(form, name) {
    var field = form.querySelector("[name=" + name + "]");
    return field ? field.value : "";
  }

  function update(form) {
    var kind = form.getAttribute("data-kind") || chosen(form, "kind");
    var current = [kind, kind + ":" + chosen(form, "matter")];
    form.querySelectorAll("[data-shown-for]").forEach(function (wrapper) {
      var shown = wrapper.getAttribute("data-shown-for").split(" ").some(function (token) {
        return current.indexOf(token) !== -1;
      });
      wrapper.hidden = !shown;
    });
  }

  document.addEventListener("change", function (event) {
    var form = event.target && event.target.form;
    if (form && form.querySelector("[data-shown-for]") && /^(kind|matter)$/.test(event.target.name)) {
      update(form);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-shown-for]")) update(form);
    });
  });
})();

// Printing a record page: its identity and the print time go into every page's margin (web/print.css reads
// the two custom properties); the time is taken again when the user prints.
(function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp() {
    var el = document.getElementById("print-identity");
    if (!el) { return; }
    var d = new Date();
    var time = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " + pad(d.getHours()) +
      ":" + pad(d.getMinutes());
    var root = document.documentElement.style;
    root.setProperty("--ticms-print-identity", JSON.stringify(el.getAttribute("data-identity") || ""));
    root.setProperty("--ticms-print-time", JSON.stringify("打印时间：" + time));
    var spans = el.querySelectorAll(".ticms-print-time");
    for (var i = 0; i < spans.length; i++) { spans[i].textContent = time; }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", stamp);
  } else {
    stamp();
  }
  window.addEventListener("beforeprint", stamp);
})();

// Lists (web/includes/list_*.html): each cell carries its column's header for the phone card layout, the page
// size submits when chosen, and "select all" ticks the row boxes of a batch form.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.list-table").forEach(function (table) {
    var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.replace(/[▲▼]/g, "").trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (!cell.hasAttribute("data-label") && labels[i]) { cell.setAttribute("data-label", labels[i]); }
      });
    });
  });
  document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll("[data-select-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      var table = box.closest("table");
      table.querySelectorAll("tbody input[type=checkbox][name]").forEach(function (row) { row.checked = box.checked; });
    });
  });
});

// A table wider than its box scrolls sideways: keyboard users must be able to focus it to scroll it (WCAG 2.1.1).
(function () {
  function focusableScrollers() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
        if (!box.hasAttribute("aria-label")) { box.setAttribute("aria-label", "表格（可左右滚动）"); }
      } else if (box.getAttribute("role") === "region" && box.getAttribute("aria-label") === "表格（可左右滚动）") {
        box.removeAttribute("tabindex"); box.removeAttribute("role"); box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);
  document.addEventListener("htmx:afterSettle", focusableScrollers);
})();
