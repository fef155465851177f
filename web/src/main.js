// dekg viewer: actors and events of the graph, drawn by Cytoscape.js, filtered server-side.
import cytoscape from "cytoscape";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
  "ASSAULT"];
const QUAD_COLORS = { 1: "#5fb85f", 2: "#1f7a1f", 3: "#f0a030", 4: "#d03030" };
const KIND_SHAPES = { state: "round-rectangle", person: "ellipse", organization: "hexagon",
  armed_group: "diamond", group: "barrel" };

const $ = (id) => document.getElementById(id);
const status = $("status");
const details = $("details");

const cy = cytoscape({
  container: $("cy"),
  wheelSensitivity: 0.3,
  style: [
    { selector: "node", style: { label: "data(name)", "font-size": 10, "text-wrap": "wrap",
      "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 3 } },
    { selector: "node[kind = 'Actor']", style: { shape: (n) => KIND_SHAPES[n.data("actor_kind")] || "ellipse",
      "background-color": "#4a78c2", width: 34, height: 34, "font-size": 12, "font-weight": "bold" } },
    { selector: "node[kind = 'Event']", style: { "background-color": (n) => QUAD_COLORS[n.data("quad_class")] || "#999",
      width: 16, height: 16, color: "#57606a" } },
    { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
      "line-color": "#9aa4ae", "target-arrow-color": "#9aa4ae", "arrow-scale": 0.8 } },
    { selector: "edge[rel = 'ATTRIBUTED_TO']", style: { "line-style": "dashed" } },
    { selector: "edge[rel = 'AFFILIATED_WITH']", style: { "line-style": "dotted", "line-color": "#4a78c2",
      "target-arrow-color": "#4a78c2" } },
    { selector: ":selected", style: { "border-width": 3, "border-color": "#111" } },
  ],
});
window.cy = cy; // for tests and the console

for (const t of TYPES) $("f-type").add(new Option(t, t));

function filterParams() {
  const params = new URLSearchParams();
  const from = $("f-from").value, to = $("f-to").value;
  const type = $("f-type").value, actor = $("f-actor").value.trim();
  if (from) params.set("date_from", from);
  if (to) params.set("date_to", to);
  if (type) params.set("type", type);
  if (actor) params.set("actor", actor);
  return params;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || `HTTP ${response.status}`);
  return body;
}

// Export elements → what the viewer draws: actors and events; SOURCE edges point from the
// actor to the event so a path reads "source → event → target".
function toElements(doc) {
  const nodes = doc.elements.nodes.filter((n) => n.data.kind === "Actor" || n.data.kind === "Event");
  const keep = new Set(nodes.map((n) => n.data.id));
  const drawn = nodes.map((n) => ({
    data: { ...n.data, actor_kind: n.data.actor_kind ?? (n.data.kind === "Actor" ? kindFromId(n.data.id) : undefined) },
  }));
  const edges = [];
  for (const e of doc.elements.edges) {
    const d = e.data;
    if (!keep.has(d.source) || !keep.has(d.target)) continue;
    if (!["SOURCE", "TARGET", "ATTRIBUTED_TO", "AFFILIATED_WITH"].includes(d.rel)) continue;
    const flip = d.rel === "SOURCE" || d.rel === "ATTRIBUTED_TO";
    edges.push({ data: { id: d.id, rel: d.rel, source: flip ? d.target : d.source, target: flip ? d.source : d.target } });
  }
  return [...drawn, ...edges];
}

function kindFromId(id) {
  const prefix = String(id).split(":")[0];
  return { state: "state", person: "person", org: "organization", armed_group: "armed_group", group: "group" }[prefix];
}

async function load() {
  status.classList.remove("error");
  status.textContent = "loading…";
  try {
    const doc = await getJson("/export?format=cytoscape&" + filterParams());
    cy.elements().remove();
    cy.add(toElements(doc));
    const actors = cy.nodes("[kind = 'Actor']").length, events = cy.nodes("[kind = 'Event']").length;
    cy.layout({ name: "cose", animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, randomize: true }).run();
    cy.fit(undefined, 30);
    status.textContent = `${actors} actors, ${events} events`;
    document.body.dataset.loaded = String(Date.now());
  } catch (error) {
    status.classList.add("error");
    status.textContent = "error: " + error.message;
    document.body.dataset.loaded = "error";
  }
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

const names = (actors) => actors.map((a) => a.name || a.id).join(", ") || "—";

async function showEvent(id) {
  details.replaceChildren(el("p", "loading…", "hint"));
  const ev = await getJson("/events/" + encodeURIComponent(id));
  const parts = [
    el("h2", `${ev.type} (CAMEO ${ev.cameo})`),
    el("p", `${ev.date || "undated"} · ${ev.modality} · Goldstein ${ev.goldstein} · ${ev.num_articles} article(s)`, "meta"),
    el("p", `Source: ${names(ev.source)}`),
    el("p", `Target: ${names(ev.target)}`),
  ];
  if (ev.place) parts.push(el("p", `Place: ${ev.place.name}`));
  for (const report of ev.reports) {
    parts.push(el("h3", report.article.title || report.article.id));
    for (const evidence of report.evidence) parts.push(el("blockquote", evidence.text));
  }
  details.replaceChildren(...parts);
}

async function showActor(id) {
  details.replaceChildren(el("p", "loading…", "hint"));
  const actor = await getJson("/actors/" + encodeURIComponent(id));
  const rel = await getJson("/actors/" + encodeURIComponent(id) + "/relationships");
  const parts = [el("h2", actor.name), el("p", [actor.kind, actor.country, actor.role].filter(Boolean).join(" · "), "meta")];
  if (actor.aliases.length) parts.push(el("p", "Also: " + actor.aliases.join(", "), "meta"));
  parts.push(el("h3", "Counterparts"));
  const list = el("ul");
  for (const r of rel.data) {
    const types = Object.entries(r.by_type).map(([t, n]) => `${t} ${n}`).join(", ");
    list.append(el("li", `${r.counterpart.name || r.counterpart.id}: ${types}`));
  }
  parts.push(list);
  details.replaceChildren(...parts);
}

cy.on("tap", "node", (event) => {
  const data = event.target.data();
  const show = data.kind === "Event" ? showEvent(data.id) : showActor(data.id);
  show.catch((error) => details.replaceChildren(el("p", "error: " + error.message, "hint")));
});

// A large graph starts with the last month of events so the first drawing stays quick.
const LARGE = 1500;
async function defaultWindow() {
  try {
    const stats = await getJson("/stats");
    if (stats.events <= LARGE) return;
    const newest = (await getJson("/events?limit=1")).data[0];
    if (!newest || !newest.date) return;
    const to = new Date(newest.date + "T00:00:00Z");
    const from = new Date(to.getTime() - 30 * 86400000);
    $("f-from").value = from.toISOString().slice(0, 10);
    $("f-to").value = newest.date;
  } catch (error) {
    // the graph load below reports the error
  }
}

$("filters").addEventListener("submit", (event) => { event.preventDefault(); load(); });
$("f-reset").addEventListener("click", () => { $("filters").reset(); load(); });
defaultWindow().then(load);
