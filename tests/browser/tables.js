// The rows a working-group table shows, in order, with the figures the tests compare (test_tables.py).
(ids) => ids.map(id => {
  const table = document.getElementById(id);
  const rows = [...table.tBodies[0].rows].filter(row => !row.hidden);
  return {
    rows: rows.map(row => row.id),
    starts: rows.map(row => row.cells[3].dataset.sort),
    experts: rows.map(row => row.cells[7].textContent.trim()),
    total: table.querySelector('tfoot td[data-sum]').textContent.trim(),
    label: table.querySelector('tfoot th').textContent.trim(),
  };
})
