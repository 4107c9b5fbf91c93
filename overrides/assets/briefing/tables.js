// Sorting (vendored tablesort) and filtering for tables marked data-sortable. Without
// scripts the tables are complete and readable; the filter form stays hidden.
(function () {
  function init() {
    if (window.Tablesort) {
      document.querySelectorAll("table[data-sortable]").forEach(function (table) { new Tablesort(table); });
    }
    document.querySelectorAll("form.briefing-filter").forEach(function (form) {
      var tables = form.getAttribute("data-filter-tables").split(" ").map(function (id) { return document.getElementById(id); });
      var rows = [];
      tables.forEach(function (table) { if (table) rows = rows.concat([].slice.call(table.tBodies[0].rows)); });
      var selects = [].slice.call(form.querySelectorAll("select[data-filter]"));
      var status = form.querySelector(".briefing-filter-status");
      var template = status.getAttribute("data-template") || "{shown} / {total}";
      function apply() {
        var shown = 0;
        rows.forEach(function (row) {
          var keep = selects.every(function (select) {
            var want = select.value;
            if (!want) return true;
            var have = (row.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
            return have.indexOf(want) >= 0;
          });
          row.hidden = !keep;
          if (keep) shown += 1;
        });
        status.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
      }
      selects.forEach(function (select) { select.addEventListener("change", apply); });
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
