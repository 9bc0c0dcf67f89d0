/* The event list: search as you type (ids, ISO and written dates, place names and their
   aliases, actors, words, with or without diacritics and either apostrophe), filter by
   country, phase, category and attribution, sort by date; the search and filters live in
   the address (#events?q=...&country=...), so a filtered list can be shared as a link; an
   event's anchor (#<event_id>) shows it. The download saves the rows shown. Progressive
   enhancement of the static table (whole with scripts off and in print); no network. */
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc\u02bb`'\u00b4]/g, "")
      .replace(/[\u2010-\u2015]/g, "-").toLowerCase();
  }
  function el(tag, props) { var e = document.createElement(tag); Object.assign(e, props || {}); return e; }

  function gunzipText(b64) {
    var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  /* Split CSV text into records (quoted fields may hold commas, quotes and newlines),
     keeping each record's text exactly as written. */
  function records(text) {
    var out = [], start = 0, quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === '"') { quoted = !quoted; }
      else if (c === "\n" && !quoted) { out.push(text.slice(start, i + 1)); start = i + 1; }
    }
    if (start < text.length) { out.push(text.slice(start)); }
    return out;
  }
  function fields(record) {
    var out = [], field = "", quoted = false, text = record.replace(/\r?\n$/, "");
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') { quoted = false; }
        else { field += c; }
      } else if (c === '"') { quoted = true; }
      else if (c === ",") { out.push(field); field = ""; }
      else { field += c; }
    }
    out.push(field);
    return out;
  }
  function quote(v) { return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
  function neutral(v) { return /^[=+\-@\t\r]/.test(v) ? "'" + v : v; }

  function save(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  function slug(s) { return fold(s).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }

  function enhance(block) {
    var table = block.querySelector("table.event-list");
    var meta = JSON.parse(block.querySelector("script.event-list-meta").textContent);
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var keys = [0, 1, 2, 3];
    /* A curated id is YYYY-MM-DD-<place>-<n>: the row's date and place key. */
    function isoOf(r) { return r.cells[0].getAttribute("data-sort") || r.id.slice(0, 10); }
    function placeOf(r) { return r.getAttribute("data-place") || r.id.slice(11).replace(/-\d+$/, ""); }
    function code(r, k) { return r.getAttribute("data-f").split(" ")[k]; }
    var hay = rows.map(function (r) {
      return fold([r.id, isoOf(r), r.textContent, meta.aliases[placeOf(r)] || ""].join(" "));
    });
    var bar = el("div", { className: "event-filters" });
    var search = el("input", { type: "search", placeholder: "Search: an id, 2024-01-28, Irbil, kataib, drone…" });
    search.setAttribute("aria-label", "Search events");
    bar.appendChild(search);
    var selects = {};
    keys.forEach(function (k) {
      var name = meta.filters[k][0], values = meta.filters[k][1];
      var s = el("select");
      s.setAttribute("aria-label", "Filter by " + name);
      s.appendChild(el("option", { value: "", textContent: "every " + name }));
      values.forEach(function (v, i) { s.appendChild(el("option", { value: String(i), textContent: v })); });
      selects[k] = s;
      bar.appendChild(s);
    });
    var sortButton = el("button", { type: "button", textContent: "Newest first" });
    bar.appendChild(sortButton);
    var count = el("span", { className: "event-count" });
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    var shownIds = [];

    function state() {
      var p = new URLSearchParams();
      if (search.value) { p.set("q", search.value); }
      keys.forEach(function (k) {
        var s = selects[k];
        if (s.value !== "") { p.set(meta.filters[k][0], meta.filters[k][1][Number(s.value)]); }
      });
      return p;
    }
    function apply(fromUser) {
      var words = fold(search.value).split(/\s+/).filter(Boolean), shown = 0;
      shownIds = [];
      rows.forEach(function (r, i) {
        var ok = words.every(function (w) { return hay[i].indexOf(w) !== -1; });
        keys.forEach(function (k) {
          if (selects[k].value !== "" && code(r, k) !== selects[k].value) { ok = false; }
        });
        r.hidden = !ok;
        if (ok) { shown += 1; shownIds.push(r.id); }
      });
      count.textContent = shown + " of " + rows.length + " events shown";
      var button = document.querySelector("button.csv-download");
      if (button) {
        var n = button.parentNode.querySelector(".csv-rows");
        if (n) { n.textContent = shown.toLocaleString("en"); }
      }
      if (fromUser) {
        var p = state().toString();
        history.replaceState(null, "", p ? "#events?" + p : location.pathname + location.search);
      }
    }
    function fromAddress() {
      var hash = decodeURIComponent(location.hash.slice(1));
      if (hash.indexOf("events?") === 0) {
        var p = new URLSearchParams(hash.slice(7));
        search.value = p.get("q") || "";
        keys.forEach(function (k) {
          var want = p.get(meta.filters[k][0]);
          var i = want === null ? -1 : meta.filters[k][1].indexOf(want);
          selects[k].value = i < 0 ? "" : String(i);
        });
        apply(false);
        block.scrollIntoView();
      } else if (hash && document.getElementById(hash) && document.getElementById(hash).parentNode === body) {
        var row = document.getElementById(hash);
        if (row.hidden) { search.value = ""; keys.forEach(function (k) { selects[k].value = ""; }); apply(false); }
        row.scrollIntoView({ block: "center" });
      }
    }
    search.addEventListener("input", function () { apply(true); });
    keys.forEach(function (k) { selects[k].addEventListener("change", function () { apply(true); }); });
    var newest = false;
    sortButton.addEventListener("click", function () {
      newest = !newest;
      var order = rows.slice().sort(function (a, b) {
        var x = isoOf(a), y = isoOf(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (newest ? -1 : 1);
      });
      order.forEach(function (r) { body.appendChild(r); });
      sortButton.textContent = newest ? "Oldest first" : "Newest first";
    });
    window.addEventListener("hashchange", fromAddress);
    window.addEventListener("load", fromAddress);  /* after the browser's own jump */
    document.documentElement.style.setProperty("--filters-height", bar.offsetHeight + "px");
    apply(false);
    fromAddress();

    var button = document.querySelector("button.csv-download");
    if (button) {
      button.addEventListener("click", function () {
        gunzipText(button.getAttribute("data-csv-gzip")).then(function (text) {
          /* Response.text() drops the byte-order mark; Excel needs it to read UTF-8. */
          var bom = "\ufeff";
          var all = records(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), header = fields(all[0]);
          var fill = (button.getAttribute("data-from-list") || "").split(",").filter(Boolean);
          var byId = {};
          all.slice(1).forEach(function (rec) { var f = fields(rec); byId[f[0]] = f; });
          var out = [all[0]].concat(shownIds.filter(function (id) { return byId[id]; }).sort(function (a, b) {
            return rows.indexOf(document.getElementById(a)) - rows.indexOf(document.getElementById(b));
          }).map(function (id) {
            var f = byId[id].slice(), row = document.getElementById(id);
            fill.forEach(function (name) {
              var i = header.indexOf(name);
              if (name === "description") { f[i] = neutral(row.cells[2].firstChild.textContent); }
              if (name === "sources") {
                f[i] = Array.prototype.map.call(row.cells[3].querySelectorAll("a"), function (a) {
                  var href = a.getAttribute("href");  /* data-e: letters to encode again */
                  return a.hasAttribute("data-e") ? href.replace(/[^\x00-\x7f]+/g, encodeURIComponent) : href;
                }).join(" | ");
              }
            });
            return f.map(quote).join(",") + "\n";
          }));
          var filter = slug(state().toString().replace(/[=&]/g, "-"));
          var name = button.getAttribute("data-name").replace(/\.csv$/, "") + (filter ? "-" + filter : "") + ".csv";
          save(name, bom + out.join(""));
        });
      });
    }
  }
  var blocks = document.querySelectorAll(".event-list-block");
  blocks.forEach(enhance);
  if (!blocks.length) {
    document.querySelectorAll("button.csv-download").forEach(function (button) {
      button.addEventListener("click", function () {
        gunzipText(button.getAttribute("data-csv-gzip")).then(function (t) { save(button.getAttribute("data-name"), t); });
      });
    });
  }
}());
