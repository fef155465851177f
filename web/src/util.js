// Small shared pieces: DOM building, JSON fetching, quad classes and their colours.
export const QUADS = [
  { id: 1, label: "verbal cooperation", color: "#5fb85f" },
  { id: 2, label: "material cooperation", color: "#1f7a1f" },
  { id: 3, label: "verbal conflict", color: "#f0a030" },
  { id: 4, label: "material conflict", color: "#d03030" },
];
export const QUAD_COLORS = Object.fromEntries(QUADS.map((q) => [q.id, q.color]));
export const NO_QUAD = "#8c959f";

export const $ = (id) => document.getElementById(id);

export function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || `HTTP ${response.status}`);
  return body;
}

export const actorName = (a) => a.name || a.id;
