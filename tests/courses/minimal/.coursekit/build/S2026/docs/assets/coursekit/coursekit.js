// coursekit: small progressive enhancements; every page reads fine without them.
document$.subscribe(function () {
  var table = document.querySelector("table.ck-schedule");
  if (!table) return;
  var today = new Date();
  var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") +
    "-" + String(today.getDate()).padStart(2, "0");
  table.querySelectorAll('tr[data-date="' + iso + '"]').forEach(function (row) {
    row.classList.add("ck-today");
  });
});
