// dekg viewer: one page, four views (network, timeline, map, actor page) over the query
// service. The state (view, filters, actor, pair, bucket) is in the URL so a view can be shared.
import * as graph from "./graph.js";
import * as timeline from "./timeline.js";
import * as map from "./map.js";
import * as actor from "./actor.js";
import { current, fromForm, go, href, listen, toForm, withChanges, VIEWS } from "./state.js";
import { $ } from "./util.js";
import { hint } from "./detail.js";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
  "ASSAULT"];
const RENDER = { graph: graph.show, timeline: timeline.show, map: map.show, actor: actor.show };
const HINTS = {
  graph: "Click an event (circle) to read its evidence, or an actor.",
  timeline: "Click a bar to list its events.",
  map: "Click a marker to list its events.",
};
const status = $("status");
for (const t of TYPES) $("f-type").add(new Option(t, t));

function tabs(state) {
  for (const view of VIEWS) {
    const tab = $("tab-" + view);
    tab.href = href(withChanges({ view, bucket: view === "graph" ? undefined : state.bucket }));
    tab.classList.toggle("active", view === state.view);
    if (view === "actor") tab.hidden = !state.id;
  }
}

let rendering = 0;
async function render(state) {
  const mine = ++rendering;
  document.body.dataset.view = state.view;
  toForm(state);
  tabs(state);
  for (const view of VIEWS) $(view + "-pane").hidden = view !== state.view;
  $("details").hidden = state.view === "actor";
  if (HINTS[state.view]) hint(HINTS[state.view]);
  status.classList.remove("error");
  status.textContent = "loading…";
  try {
    const text = await RENDER[state.view](state);
    if (mine !== rendering) return;
    status.textContent = text;
    document.body.dataset.loaded = String(Date.now());
  } catch (error) {
    if (mine !== rendering) return;
    status.classList.add("error");
    status.textContent = "error: " + error.message;
    document.body.dataset.loaded = "error";
  }
}

for (const view of VIEWS) {
  $("tab-" + view).addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    go(withChanges({ view }));
  });
}
$("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  const state = current();
  go({ view: state.view, id: state.id, ...fromForm() });
});
$("f-reset").addEventListener("click", () => {
  const state = current();
  go({ view: state.view, id: state.id });
});
$("f-unit").addEventListener("change", () => go(withChanges({ unit: $("f-unit").value === "week" ? "week" : undefined, bucket: undefined })));

// A large graph starts with the last month of events so the first drawing stays quick.
const LARGE = 1500;
async function defaultWindow(state) {
  if (state.view !== "graph" || state.date_from || state.date_to || location.search) return state;
  try {
    const stats = await fetch("/stats").then((r) => r.json());
    if (stats.events <= LARGE) return state;
    const newest = (await fetch("/events?limit=1").then((r) => r.json())).data[0];
    if (!newest || !newest.date) return state;
    const to = new Date(newest.date + "T00:00:00Z");
    const from = new Date(to.getTime() - 30 * 86400000);
    return { ...state, date_from: from.toISOString().slice(0, 10), date_to: newest.date };
  } catch (error) {
    return state; // the graph load reports the error
  }
}

// The map is drawn for its box: draw it again when the window changes size.
let resizing = null;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => { if (current().view === "map") render(current()); }, 250);
});

listen(render);
defaultWindow(current()).then((state) => go(state, { replace: true }));
