// Full-text search over the Pagefind index (built by `cablegram build` / `render html`), with filters.
// Loaded as a module: needs the site served over http (`cablegram serve`), as any static host does.
const status = document.getElementById("search-status");
const input = document.getElementById("q");
const results = document.getElementById("results");
const filtersBox = document.getElementById("filters");
let pagefind;
let generation = 0;  // the latest query wins when answers arrive out of order
try {
  pagefind = await import("../pagefind/pagefind.js");
  await pagefind.options({ excerptLength: 24 });
  // a large corpus is indexed in parts (render/site.py): the others are merged into the first
  const shards = await fetch("search-shards.json").then((r) => (r.ok ? r.json() : []), () => []);
  for (const shard of shards) await pagefind.mergeIndex(new URL(shard, document.baseURI).href);
  await pagefind.init();
} catch (err) {
  status.textContent = "The search index cannot be loaded here (open the site with `cablegram serve`).";
}
const LABELS = { year: "Year", sender: "Sender", recipient: "Recipient", archive: "Archive", language: "Language", version: "Version role" };
if (pagefind) {
  const filters = await pagefind.filters();
  for (const [name, label] of Object.entries(LABELS)) {
    const values = filters[name];
    if (!values) continue;
    const p = document.createElement("p");
    const l = document.createElement("label");
    l.htmlFor = "filter-" + name;
    l.textContent = label;
    const select = document.createElement("select");
    select.id = "filter-" + name;
    select.dataset.filter = name;
    select.add(new Option("any", ""));
    for (const value of Object.keys(values).sort()) select.add(new Option(value + " (" + values[value] + ")", value));
    select.addEventListener("change", run);
    p.append(l, " ", select);
    filtersBox.append(p);
  }
  input.addEventListener("input", run);
  status.textContent = "Ready.";  // only now: the controls answer
  const q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; run(); }
}
async function run() {
  const mine = ++generation;
  const filters = {};
  document.querySelectorAll("select[data-filter]").forEach((s) => { if (s.value) filters[s.dataset.filter] = s.value; });
  const query = input.value.trim();
  if (!query && !Object.keys(filters).length) { results.replaceChildren(); status.textContent = "Ready."; return; }
  const search = await pagefind.search(query || null, { filters, sort: query ? undefined : { date: "asc" } });
  const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  if (mine !== generation) return;
  results.replaceChildren(...data.map((d) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = d.url.replace(/^\//, "");
    a.textContent = (d.meta.date ? d.meta.date + " — " : "") + (d.meta.title || d.url);
    const excerpt = document.createElement("p");
    excerpt.innerHTML = d.excerpt;  // Pagefind's excerpt: the page's own text with <mark> around the hits
    li.append(a, excerpt);
    return li;
  }));
  status.textContent = search.results.length + " documents found" + (search.results.length > 20 ? " (first 20 shown)" : "") + ".";
}
