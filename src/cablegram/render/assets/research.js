// Cite this paragraph: each unit of the text gets a permalink mark (its stable id) and, with JavaScript,
// a copy of a citation naming the document, the paragraph and its address. No words enter the text.
(function () {
  "use strict";
  function citation(unit) {
    var title = document.querySelector("h1") ? document.querySelector("h1").textContent.trim() : document.title;
    var url = location.href.split("#")[0] + "#" + unit.id;
    return title + ", paragraph " + unit.id + ". " + url;
  }
  document.querySelectorAll("section.text p[id]").forEach(function (unit) {
    var mark = document.createElement("a");
    mark.className = "cite-unit";
    mark.href = "#" + unit.id;
    mark.setAttribute("aria-label", "Cite this paragraph (" + unit.id + ")");
    mark.textContent = "¶";
    mark.addEventListener("click", function (event) {
      var text = citation(unit);
      if (navigator.clipboard) { navigator.clipboard.writeText(text).catch(function () {}); }
      var box = document.getElementById("cite-unit-status");
      if (box) { box.textContent = "Copied: " + text; }
    });
    unit.appendChild(mark);
  });
  var main = document.querySelector("main");
  if (main && !document.getElementById("cite-unit-status")) {
    var status = document.createElement("p");
    status.id = "cite-unit-status";
    status.className = "cite-unit-status";
    status.setAttribute("role", "status");
    main.appendChild(status);
  }
})();
