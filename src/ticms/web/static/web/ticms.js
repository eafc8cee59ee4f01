// ticms: small behaviours without inline scripts.
// A form with data-confirm asks before submitting (dangerous workflow actions).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
