// The viewer's state lives in the URL (?view=timeline&actor=USA&with=RUS&type=THREATEN…), so
// every view can be shared and the back button works.
import { $ } from "./util.js";

export const VIEWS = ["graph", "timeline", "map", "actor"];
// What the filter form holds: URL key → form field id.
const FIELDS = { date_from: "f-from", date_to: "f-to", type: "f-type", actor: "f-actor", with: "f-with", unit: "f-unit" };
const KEEP = ["view", "id", "bucket", ...Object.keys(FIELDS)];

export function current() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of KEEP) if (params.get(key)) state[key] = params.get(key);
  if (!VIEWS.includes(state.view)) state.view = "graph";
  return state;
}

export function href(state) {
  const params = new URLSearchParams();
  for (const key of KEEP) if (state[key] && !(key === "view" && state[key] === "graph")) params.set(key, state[key]);
  const query = params.toString();
  return location.pathname + (query ? "?" + query : "");
}

/** The current state with some keys changed (undefined/"" removes a key). */
export function withChanges(changes) {
  const next = { ...current(), ...changes };
  for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === "") delete next[key];
  return next;
}

let onChange = () => {};
export function listen(render) {
  onChange = render;
  window.addEventListener("popstate", () => render(current()));
}

export function go(state, { replace = false } = {}) {
  const url = href(state);
  if (replace) history.replaceState(null, "", url);
  else if (url !== location.pathname + location.search) history.pushState(null, "", url);
  onChange(current());
}

/** An <a> that opens ``state`` (a real link: it can be copied or opened in a new tab). */
export function link(text, state, cls) {
  const a = document.createElement("a");
  a.textContent = text;
  a.href = href(state);
  if (cls) a.className = cls;
  a.addEventListener("click", (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    go(state);
  });
  return a;
}

export function toForm(state) {
  for (const [key, id] of Object.entries(FIELDS)) $(id).value = state[key] || (key === "unit" ? "month" : "");
}

export function fromForm() {
  const out = {};
  for (const [key, id] of Object.entries(FIELDS)) {
    const value = $(id).value.trim();
    if (value && !(key === "unit" && value === "month")) out[key] = value;
  }
  return out;
}

/** The event filter of the state as query parameters of the API (dates, type, actors). */
export function filterParams(state, { actors = true } = {}) {
  const params = new URLSearchParams();
  if (state.date_from) params.set("date_from", state.date_from);
  if (state.date_to) params.set("date_to", state.date_to);
  if (state.type) params.set("type", state.type);
  if (actors) for (const key of ["actor", "with"]) if (state[key]) params.append("actor", state[key]);
  return params;
}
