// ticms: small behaviours without inline scripts.
// A form with data-confirm asks before submitting (dangerous workflow actions).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
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
