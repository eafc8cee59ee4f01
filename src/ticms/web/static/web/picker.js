// ticms: a checkbox list with a filter-as-you-type box (共建单位 on the 申请书 form). Without this script the
// list is still a plain list of checkboxes; the filter box stays hidden.
(function () {
  "use strict";

  function setUp(picker) {
    var filter = picker.querySelector("[data-picker-filter]");
    var items = Array.prototype.slice.call(picker.querySelectorAll("[data-picker-item]"));
    var none = picker.querySelector("[data-picker-none]");
    var count = picker.querySelector("[data-picker-count]");
    if (!filter) {
      return;
    }
    filter.hidden = false;

    function showCount() {
      var ticked = picker.querySelectorAll("input[type=checkbox]:checked").length;
      if (count) {
        count.textContent = "已选 " + ticked + " 家。";
      }
    }

    function apply() {
      var words = filter.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var box = item.querySelector("input[type=checkbox]");
        // A ticked unit stays in view, so filtering never hides what will be sent.
        var match = !words || item.textContent.toLowerCase().indexOf(words) !== -1 || (box && box.checked);
        item.classList.toggle("d-none", !match);
        if (match) {
          shown += 1;
        }
      });
      if (none) {
        none.classList.toggle("d-none", shown > 0);
      }
    }

    // Typing in the filter is not a change of the form: keep it from the live eligibility panel (htmx listens
    // for input events on the form).
    filter.addEventListener("input", function (event) {
      event.stopPropagation();
      apply();
    });
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter in the filter must not submit the 申请书
      }
    });
    picker.addEventListener("change", function (event) {
      if (event.target !== filter) {
        showCount();
      }
    });
    showCount();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
