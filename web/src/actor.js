// The actor page: who the actor is, its counterparts with counts by type, its events with
// evidence sentences and links to the articles. The filters (dates, type) apply.
import { filterParams, link, withChanges } from "./state.js";
import { $, el, getJson, actorName } from "./util.js";
import { eventLine, evidenceBlock } from "./detail.js";

const when = (from, to) => (from || to ? ` (${from || "…"} – ${to || "…"})` : "");

function identity(actor) {
  const parts = [el("h2", actor.name)];
  parts.push(el("p", [actor.kind, actor.country, actor.sector, actor.role].filter(Boolean).join(" · "), "meta"));
  if (actor.wikidata) {
    const p = el("p", "Wikidata: ");
    const a = el("a", actor.wikidata);
    a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(actor.wikidata);
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    p.append(a);
    parts.push(p);
  }
  if (actor.aliases.length) parts.push(el("p", "Also called: " + actor.aliases.join(", "), "meta"));
  const roles = el("ul", undefined, "roles");
  for (const aff of actor.affiliations) {
    const li = el("li", `${aff.role || aff.sector || "member"} of `);
    li.append(link(actorName(aff.actor), withChanges({ id: aff.actor.id })), when(aff.from, aff.to));
    roles.append(li);
  }
  for (const m of actor.members) {
    const li = el("li");
    li.append(link(actorName(m.actor), withChanges({ id: m.actor.id })), `: ${m.role || m.sector || "member"}${when(m.from, m.to)}`);
    roles.append(li);
  }
  if (roles.children.length) parts.push(el("h3", actor.members.length ? "Roles and people acting for it" : "Roles"), roles);
  const views = el("p", undefined, "links");
  views.append(
    link("timeline", withChanges({ view: "timeline", actor: actor.id, with: undefined, id: undefined, bucket: undefined })), " · ",
    link("map", withChanges({ view: "map", actor: actor.id, with: undefined, id: undefined, bucket: undefined })), " · ",
    link("network", withChanges({ view: "graph", actor: actor.id, with: undefined, id: undefined, bucket: undefined })),
    ` · ${actor.event_count} event(s) in the graph`,
  );
  parts.push(views);
  return parts;
}

function counterparts(actor, rel) {
  const table = el("table", undefined, "counterparts");
  const head = el("tr");
  for (const h of ["counterpart", "events", "by type", "coop. / conflict", "Goldstein avg", "first – last", ""]) head.append(el("th", h));
  table.append(head);
  for (const r of rel.data) {
    const tr = el("tr");
    const name = el("td");
    name.append(link(actorName(r.counterpart), withChanges({ id: r.counterpart.id })));
    if (r.counterpart.kind) name.append(el("span", ` ${r.counterpart.kind}`, "meta"));
    const types = Object.entries(r.by_type).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ");
    const pair = el("td");
    pair.append(link("timeline", withChanges({ view: "timeline", actor: actor.id, with: r.counterpart.id, id: undefined, bucket: undefined })));
    tr.append(name, el("td", `${r.count} (${r.outgoing}→ ${r.incoming}←)`, "nowrap"), el("td", types),
      el("td", `${r.cooperation} / ${r.conflict}`, "nowrap"),
      el("td", r.goldstein_avg == null ? "—" : r.goldstein_avg.toFixed(1), "nowrap"),
      el("td", `${r.first || "?"} – ${r.last || "?"}`, "nowrap"), pair);
    table.append(tr);
  }
  return rel.data.length ? [el("h3", `Counterparts (${rel.data.length})`), table] : [el("h3", "Counterparts"), el("p", "none", "hint")];
}

function eventItem(ev) {
  const li = el("li");
  li.dataset.event = ev.id;
  li.append(eventLine(ev), el("span", ` · Goldstein ${ev.goldstein} · ${ev.modality}`, "meta"), ...evidenceBlock(ev.reports));
  return li;
}

async function eventsSection(id, state) {
  const list = el("ol", undefined, "events full");
  const more = el("button", "more events");
  const section = [el("h3", "Events"), list, more];
  const params = filterParams(state, { actors: false });
  params.set("limit", "25");
  const page = async (cursor) => {
    if (cursor) params.set("cursor", cursor);
    const body = await getJson(`/actors/${encodeURIComponent(id)}/events?${params}`);
    list.append(...body.data.map(eventItem));
    more.hidden = !body.next_cursor;
    more.onclick = () => page(body.next_cursor);
    if (!list.children.length) list.replaceWith(el("p", "no events match the filters", "hint"));
  };
  await page(null);
  return section;
}

export async function show(state) {
  const root = $("actor-view");
  if (!state.id) {
    root.replaceChildren(el("p", "Open an actor from the graph, the timeline or the map.", "hint"));
    return "no actor chosen";
  }
  const id = encodeURIComponent(state.id);
  const params = filterParams(state, { actors: false });
  const [actor, rel] = await Promise.all([getJson(`/actors/${id}`), getJson(`/actors/${id}/relationships?${params}`)]);
  const events = await eventsSection(actor.id, state);
  const page = el("article", undefined, "actor-page");
  page.append(...identity(actor), ...counterparts(actor, rel), ...events);
  root.replaceChildren(page);
  document.title = `${actor.name}: dekg`;
  return `${actor.name}: ${rel.data.length} counterpart(s)`;
}
