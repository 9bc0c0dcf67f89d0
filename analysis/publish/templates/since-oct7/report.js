/* The event list: search as you type, sort by a column, filter by country, phase, category
   and attribution. Progressive enhancement of the static table (which stays whole with
   scripts off and in print); no network, no library. */
(function () {
  "use strict";
  function text(cell) { return cell.textContent.trim(); }
  function key(cell) {
    var sort = cell.getAttribute("data-sort");
    if (sort !== null) { return sort; }
    var plain = text(cell), number = Number(plain.replace(/,/g, ""));
    return plain !== "" && !isNaN(number) ? number : plain.toLowerCase();
  }
  function enhance(table) {
    var head = table.tHead.rows[0], body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var haystack = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var bar = document.createElement("div");
    bar.className = "event-filters";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Search events (place, actor, words in the description…)";
    search.setAttribute("aria-label", "Search events");
    bar.appendChild(search);
    var selects = [];
    Array.prototype.forEach.call(head.cells, function (th, column) {
      if (th.hasAttribute("data-filter")) {
        var values = {};
        rows.forEach(function (r) { values[text(r.cells[column])] = true; });
        var select = document.createElement("select");
        select.setAttribute("aria-label", "Filter by " + text(th));
        select.setAttribute("data-column", column);
        var all = document.createElement("option");
        all.value = "";
        all.textContent = "every " + text(th);
        select.appendChild(all);
        Object.keys(values).sort().forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = v || "(blank)";
          select.appendChild(option);
        });
        bar.appendChild(select);
        selects.push(select);
      }
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      th.title = "Sort by " + text(th);
      function sortBy() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var order = rows.map(function (r, i) { return [key(r.cells[column]), i]; });
        order.sort(function (a, b) {
          if (a[0] === b[0]) { return a[1] - b[1]; }
          if (a[0] === "") { return 1; }
          if (b[0] === "") { return -1; }
          return (a[0] < b[0] ? -1 : 1) * (ascending ? 1 : -1);
        });
        order.forEach(function (pair) { body.appendChild(rows[pair[1]]); });
      }
      th.addEventListener("click", sortBy);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(); } });
    });
    var count = document.createElement("span");
    count.className = "event-count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    function apply() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r, i) {
        var ok = words.every(function (w) { return haystack[i].indexOf(w) !== -1; });
        selects.forEach(function (s) {
          if (s.value && text(r.cells[Number(s.getAttribute("data-column"))]) !== s.value) { ok = false; }
        });
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " events shown";
    }
    search.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    apply();
  }
  document.querySelectorAll("table.event-list").forEach(enhance);
}());
