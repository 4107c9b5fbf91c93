// Sorting (vendored tablesort), filtering and totals for tables marked data-sortable and the filter
// forms that name them. Without scripts the tables are complete and readable, their totals are those of
// every row (which is what their labels say), and the filter form stays hidden.
(function () {
  // A column whose sort keys (data-sort) are ISO dates (2025-12, 2026-01-21) sorts as dates. Tablesort's
  // number sort would otherwise claim "2025-12" and read it as 2025, mixing up the months of one year.
  var ISO_DATE = /^\d{4}(-\d{2}){0,2}$/;

  function headerRow(table) {
    return table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
  }

  // The cells of a row by column, a cell spanning columns standing in each of them.
  function byColumn(row) {
    var cells = [];
    [].forEach.call(row.cells, function (cell) {
      for (var span = 0; span < (cell.colSpan || 1); span++) cells.push(cell);
    });
    return cells;
  }

  function markDateColumns(table) {
    var head = headerRow(table);
    if (!head || !table.tBodies[0]) return;
    [].forEach.call(head.cells, function (th, index) {
      if (th.hasAttribute("data-sort-method")) return;
      var keys = [].map.call(table.tBodies[0].rows, function (row) {
        var cell = byColumn(row)[index];
        return cell && cell.getAttribute("data-sort");
      });
      var dated = keys.every(function (key) { return key !== null && ISO_DATE.test(key); }) &&
        keys.some(function (key) { return key.indexOf("-") > 0; });
      if (dated) th.setAttribute("data-sort-method", "iso-date");
    });
  }

  // Footer cells marked data-sum add up the data-value of the rows shown in their column: after
  // filtering they are the totals of what the reader sees, and 0 when no row is shown. A label
  // marked data-label-shown says so while rows are hidden.
  function updateTotals(table) {
    if (!table.tFoot) return;
    var rows = [].filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; });
    var filtered = rows.length < table.tBodies[0].rows.length;
    [].forEach.call(table.tFoot.rows, function (row) {
      byColumn(row).forEach(function (cell, index, cells) {
        if (cells.indexOf(cell) !== index) return;  // a spanning cell, seen at its first column
        if (cell.hasAttribute("data-label-all")) {
          cell.textContent = cell.getAttribute(filtered ? "data-label-shown" : "data-label-all");
        }
        if (!cell.hasAttribute("data-sum")) return;
        var values = [];
        rows.forEach(function (bodyRow) {
          var value = byColumn(bodyRow)[index] && byColumn(bodyRow)[index].getAttribute("data-value");
          if (value) values.push(value);
        });
        if (rows.length && !values.length && cell.hasAttribute("data-none")) {
          cell.textContent = cell.getAttribute("data-none");  // rows shown, none with a figure
          return;
        }
        // Added as whole numbers of the finest unit given, so that no binary fraction creeps in.
        var places = Math.max.apply(null, [0].concat(values.map(function (v) { return (v.split(".")[1] || "").length; })));
        var scale = Math.pow(10, places);
        var sum = values.reduce(function (total, v) { return total + Math.round(parseFloat(v) * scale); }, 0);
        cell.textContent = (sum / scale).toLocaleString(document.documentElement.lang || undefined,
          {minimumFractionDigits: places, maximumFractionDigits: places});
      });
    });
  }

  // A choice of sort order, for narrow screens where the rows are cards without column headings
  // (and for anyone who prefers a list to clicking headings): each column, both ways.
  function sortChoice(select, tables, sorters) {
    var head = headerRow(tables[0]);
    var originals = tables.map(function (table) { return [].slice.call(table.tBodies[0].rows); });
    [].forEach.call(head.cells, function (th, index) {
      if (th.getAttribute("data-sort-method") === "none") return;
      ["ascending", "descending"].forEach(function (way) {
        var option = document.createElement("option");
        option.value = index + " " + way;
        // The tables' own headings of the column (the first column of the cross-cutting table differs).
        var names = tables.map(function (table) { return headerRow(table).cells[index].textContent.trim(); })
          .filter(function (name, n, all) { return all.indexOf(name) === n; });
        option.textContent = select.getAttribute("data-" + way).replace("{column}", names.join(" / "));
        select.appendChild(option);
      });
    });
    select.addEventListener("change", function () {
      var choice = select.value.split(" ");
      tables.forEach(function (table, n) {
        var sorter = sorters[n];
        if (sorter.current) sorter.current.removeAttribute("aria-sort");
        if (!select.value) {
          sorter.current = undefined;
          originals[n].forEach(function (row) { table.tBodies[0].appendChild(row); });
          return;
        }
        var th = headerRow(table).cells[+choice[0]];
        // Tablesort turns the order around: ask for the other one first.
        th.setAttribute("aria-sort", choice[1] === "ascending" ? "descending" : "ascending");
        sorter.current = th;
        sorter.sortTable(th);
      });
    });
    // A heading chosen in the table shows in the list too.
    tables[0].addEventListener("afterSort", function () {
      var current = sorters[0].current;
      var way = current && current.getAttribute("aria-sort");
      if (current && way) select.value = current.cellIndex + " " + way;
    });
  }

  function init() {
    var sorters = new Map();
    if (window.Tablesort) {
      Tablesort.extend("iso-date", function (key) { return ISO_DATE.test(key); }, function (a, b) {
        return a === b ? 0 : (a < b ? 1 : -1);  // as tablesort's own comparisons: it reverses the result
      });
      document.querySelectorAll("table[data-sortable]").forEach(function (table) {
        markDateColumns(table);
        sorters.set(table, new Tablesort(table));
      });
    }
    document.querySelectorAll("form.briefing-filter").forEach(function (form) {
      var tables = form.getAttribute("data-filter-tables").split(" ").map(function (id) { return document.getElementById(id); })
        .filter(function (table) { return table; });
      var rows = [];
      tables.forEach(function (table) { rows = rows.concat([].slice.call(table.tBodies[0].rows)); });
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
        tables.forEach(updateTotals);
        status.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
      }
      selects.forEach(function (select) { select.addEventListener("change", apply); });
      var order = form.querySelector("select[data-sort-by]");
      if (order && tables.length && tables.every(function (table) { return sorters.has(table); })) {
        sortChoice(order, tables, tables.map(function (table) { return sorters.get(table); }));
      } else if (order) {
        order.closest("label").remove();
      }
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
