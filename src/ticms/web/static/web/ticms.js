// ticms: small behaviours without inline scripts.
// A form with data-confirm asks before submitting (dangerous workflow actions).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

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
