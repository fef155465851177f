// The side panel: a list of events, one event with its evidence, links to actor pages.
import { link, withChanges } from "./state.js";
import { el, getJson, actorName, QUAD_COLORS, NO_QUAD } from "./util.js";

const panel = () => document.getElementById("details");

export function actorLinks(actors) {
  const span = el("span");
  if (!actors.length) span.append("—");
  actors.forEach((a, i) => {
    if (i) span.append(", ");
    span.append(link(actorName(a), withChanges({ view: "actor", id: a.id, bucket: undefined })));
  });
  return span;
}

export function dot(quad) {
  const i = el("i", undefined, "dot");
  i.style.background = QUAD_COLORS[quad] || NO_QUAD;
  return i;
}

/** One line of an event: date, type, source → target, place. */
export function eventLine(ev) {
  const line = el("span");
  line.append(dot(ev.quad_class), `${ev.date || "undated"} · `, el("b", ev.type), " ");
  line.append(actorLinks(ev.source), " → ", actorLinks(ev.target));
  if (ev.place) line.append(` · ${ev.place.name}`);
  return line;
}

export function showList(title, events, extra = []) {
  const items = el("ol", undefined, "events");
  for (const ev of events) {
    const li = el("li");
    li.dataset.event = ev.id;
    li.append(eventLine(ev), " ");
    const open = el("button", "evidence", "linkish");
    open.addEventListener("click", () => showEvent(ev.id, () => showList(title, events, extra)));
    li.append(open);
    items.append(li);
  }
  panel().replaceChildren(el("h2", title), ...extra, items);
}

export function evidenceBlock(reports) {
  const parts = [];
  for (const report of reports) {
    const a = report.article;
    const head = el("h3");
    if (a.url && /^https?:\/\//i.test(a.url)) { // only web links (an article's url is data)
      const anchor = el("a", a.title || a.id);
      anchor.href = a.url;
      anchor.rel = "noopener noreferrer";
      anchor.target = "_blank";
      head.append(anchor);
    } else head.append(a.title || a.id);
    parts.push(head, el("p", [a.publisher, a.published].filter(Boolean).join(" · "), "meta"));
    for (const evidence of report.evidence) parts.push(el("blockquote", evidence.text));
  }
  return parts;
}

export async function showEvent(id, back) {
  panel().replaceChildren(el("p", "loading…", "hint"));
  try {
    const ev = await getJson("/events/" + encodeURIComponent(id));
    const parts = [];
    if (back) {
      const b = el("button", "← back to the list", "linkish");
      b.addEventListener("click", back);
      parts.push(b);
    }
    const source = el("p", "Source: "), target = el("p", "Target: ");
    source.append(actorLinks(ev.source));
    target.append(actorLinks(ev.target));
    parts.push(
      el("h2", `${ev.type} (CAMEO ${ev.cameo})`),
      el("p", `${ev.date || "undated"} · ${ev.modality} · Goldstein ${ev.goldstein} · ${ev.num_articles} article(s)`, "meta"),
      source, target,
    );
    if (ev.place) parts.push(el("p", `Place: ${ev.place.name}`));
    parts.push(...evidenceBlock(ev.reports));
    panel().replaceChildren(...parts);
  } catch (error) {
    panel().replaceChildren(el("p", "error: " + error.message, "hint"));
  }
}

export function hint(text) {
  panel().replaceChildren(el("p", text, "hint"));
}
