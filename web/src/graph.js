// The network view: actors and events of the graph, drawn by Cytoscape.js, filtered server-side.
import cytoscape from "cytoscape";
import { filterParams, link, withChanges } from "./state.js";
import { $, el, getJson, QUAD_COLORS } from "./util.js";
import { showEvent } from "./detail.js";

const KIND_SHAPES = { state: "round-rectangle", person: "ellipse", organization: "hexagon",
  armed_group: "diamond", group: "barrel" };

let cy = null;

function init() {
  cy = cytoscape({
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
  cy.on("tap", "node", (event) => {
    const data = event.target.data();
    if (data.kind === "Event") showEvent(data.id);
    else showActor(data.id).catch((error) => $("details").replaceChildren(el("p", "error: " + error.message, "hint")));
  });
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

async function showActor(id) {
  const details = $("details");
  details.replaceChildren(el("p", "loading…", "hint"));
  const actor = await getJson("/actors/" + encodeURIComponent(id));
  const rel = await getJson("/actors/" + encodeURIComponent(id) + "/relationships");
  const parts = [el("h2", actor.name), el("p", [actor.kind, actor.country, actor.role].filter(Boolean).join(" · "), "meta")];
  if (actor.aliases.length) parts.push(el("p", "Also: " + actor.aliases.join(", "), "meta"));
  const more = el("p");
  more.append(link("actor page →", withChanges({ view: "actor", id: actor.id })));
  parts.push(more, el("h3", "Counterparts"));
  const list = el("ul");
  for (const r of rel.data) {
    const types = Object.entries(r.by_type).map(([t, n]) => `${t} ${n}`).join(", ");
    list.append(el("li", `${r.counterpart.name || r.counterpart.id}: ${types}`));
  }
  parts.push(list);
  details.replaceChildren(...parts);
}

/** Draw the graph for the state's filters; returns the status line. */
export async function show(state) {
  if (!cy) init();
  const doc = await getJson("/export?format=cytoscape&" + filterParams(state));
  cy.elements().remove();
  cy.add(toElements(doc));
  cy.resize();
  const actors = cy.nodes("[kind = 'Actor']").length, events = cy.nodes("[kind = 'Event']").length;
  cy.layout({ name: "cose", animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, randomize: true }).run();
  cy.fit(undefined, 30);
  return `${actors} actors, ${events} events`;
}
