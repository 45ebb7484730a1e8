// cablegram reading edition: progressive enhancement only; every page works without it.
(function () {
  "use strict";

  // Hovering or focusing a unit highlights its counterparts (from TEI @corresp), in both directions.
  function counterparts(unit) {
    var ids = (unit.getAttribute("data-corresp") || "").split(/\s+/).filter(Boolean);
    var found = ids.map(function (id) { return document.getElementById(id); }).filter(Boolean);
    document.querySelectorAll("p.unit[data-corresp]").forEach(function (other) {
      if (other.getAttribute("data-corresp").split(/\s+/).indexOf(unit.id) !== -1) { found.push(other); }
    });
    return found;
  }
  function mark(unit, on) {
    counterparts(unit).forEach(function (el) { el.classList.toggle("linked", on); });
    unit.classList.toggle("linked", on && counterparts(unit).length > 0);
  }
  document.querySelectorAll("p.unit").forEach(function (unit) {
    ["mouseenter", "focus"].forEach(function (ev) { unit.addEventListener(ev, function () { mark(unit, true); }); });
    ["mouseleave", "blur"].forEach(function (ev) { unit.addEventListener(ev, function () { mark(unit, false); }); });
  });

  // Alignment certainty as a tooltip (the legend above the text explains the bars).
  var certainty = { "cert-medium": "Alignment with the other version: probable", "cert-low": "Alignment with the other version: uncertain" };
  document.querySelectorAll("p.unit.cert-medium, p.unit.cert-low").forEach(function (unit) {
    unit.title = certainty[unit.classList.contains("cert-low") ? "cert-low" : "cert-medium"];
  });

  // The active text view, for assistive technology (CSS marks it visually from the URL fragment).
  function markView() {
    var hash = location.hash.slice(1);
    var links = document.querySelectorAll("nav.views a");
    var active = Array.prototype.filter.call(links, function (a) { return a.getAttribute("data-view") === hash; })[0]
      || document.querySelector("nav.views a.default");
    links.forEach(function (a) { if (a === active) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); } });
  }
  markView();
  window.addEventListener("hashchange", markView);

  // The reader's access date in the citations.
  var today = new Date();
  var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
  var long = today.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  document.querySelectorAll("span.accessed").forEach(function (span) {
    span.textContent = span.getAttribute("data-format") === "iso" ? iso : long;
  });

  // Copy buttons for the citations.
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = document.getElementById(button.getAttribute("data-copy")).textContent;
      var done = function () { button.setAttribute("data-done", ""); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else { fallback(text); done(); }
    });
  });
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
  }

  // Index: sortable columns and a filter box.
  var table = document.getElementById("documents");
  if (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("th[data-sort]").forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button"; button.textContent = th.textContent; th.textContent = ""; th.appendChild(button);
      th.setAttribute("aria-sort", col === 0 ? "ascending" : "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-value") || a.cells[col].textContent;
          var y = b.cells[col].getAttribute("data-value") || b.cells[col].textContent;
          return (ascending ? 1 : -1) * x.localeCompare(y);
        });
        rows.forEach(function (r) { body.appendChild(r); });
        table.querySelectorAll("th[data-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
    var filter = document.querySelector("input[data-filter]");
    if (filter) {
      filter.parentNode.hidden = false;
      filter.addEventListener("input", function () {
        var q = filter.value.toLowerCase();
        Array.prototype.forEach.call(body.rows, function (r) { r.hidden = q && r.textContent.toLowerCase().indexOf(q) === -1; });
      });
    }
  }
})();
