// The map view: events that have coordinates, clustered when dense (supercluster), coloured
// by quad class, over country boundaries from world-atlas (no tile server). It shows the same
// events as the timeline (same actor/pair and filters; a bucket picked there narrows it).
import { geoMercator, geoPath } from "d3-geo";
import { select } from "d3-selection";
import { zoom, zoomIdentity } from "d3-zoom";
import Supercluster from "supercluster";
import { feature } from "topojson-client";
import { inBucket, loadEvents } from "./events.js";
import { link, withChanges } from "./state.js";
import { $, el, QUADS, QUAD_COLORS, NO_QUAD } from "./util.js";
import { hint, showList } from "./detail.js";

const SVG = "http://www.w3.org/2000/svg";
const CLUSTER_PX = 36;
let countries = null;
let view = null; // { svg, projection, index, transform, points }

async function loadCountries() {
  if (!countries) {
    const response = await fetch("/static/countries-50m.json");
    if (!response.ok) throw new Error("country boundaries missing: rebuild the viewer (make viewer)");
    const topology = await response.json();
    countries = feature(topology, topology.objects.countries).features;
  }
  return countries;
}

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

// A pie of the quad classes in a cluster, drawn as SVG arcs.
function pie(counts, r) {
  const g = svgEl("g");
  const total = counts.reduce((a, b) => a + b, 0);
  let angle = -Math.PI / 2;
  counts.forEach((n, i) => {
    if (!n) return;
    const color = QUADS[i] ? QUADS[i].color : NO_QUAD;
    if (n === total) { g.append(svgEl("circle", { r, fill: color })); return; }
    const end = angle + (2 * Math.PI * n) / total;
    const large = end - angle > Math.PI ? 1 : 0;
    const [x0, y0, x1, y1] = [Math.cos(angle) * r, Math.sin(angle) * r, Math.cos(end) * r, Math.sin(end) * r];
    g.append(svgEl("path", { d: `M0,0L${x0},${y0}A${r},${r} 0 ${large} 1 ${x1},${y1}Z`, fill: color }));
    angle = end;
  });
  g.append(svgEl("circle", { r, fill: "transparent", stroke: "#fff", "stroke-width": 1.5, class: "hit" }));
  return g;
}

function clusterIndex(events) {
  const index = new Supercluster({
    radius: CLUSTER_PX, extent: 512, maxZoom: 16,
    map: (p) => ({ q: [1, 2, 3, 4, 0].map((k) => ((p.event.quad_class || 0) === k ? 1 : 0)) }),
    reduce: (acc, p) => { acc.q = acc.q.map((n, i) => n + p.q[i]); },
  });
  index.load(events.map((event) => ({ type: "Feature", properties: { event },
    geometry: { type: "Point", coordinates: [event.place.lon, event.place.lat] } })));
  return index;
}

function drawMarkers() {
  const { svg, projection, index, transform } = view;
  const layer = svg.querySelector(".markers");
  layer.replaceChildren();
  const worldPx = projection.scale() * 2 * Math.PI * transform.k;
  const z = Math.max(0, Math.min(16, Math.round(Math.log2(worldPx / 512))));
  const items = index.getClusters([-180, -85, 180, 85], z);
  const label = items.length <= 40;
  for (const item of items) {
    const [x, y] = transform.apply(projection(item.geometry.coordinates));
    const g = svgEl("g", { transform: `translate(${x},${y})`, class: "marker" });
    const p = item.properties;
    if (p.cluster) {
      const counts = [...p.q.slice(0, 4), p.q[4]];
      g.append(pie(counts, 9 + 3.5 * Math.sqrt(p.point_count)));
      const text = svgEl("text", { "text-anchor": "middle", dy: "0.35em", class: "count" });
      text.textContent = String(p.point_count);
      g.append(text);
      g.dataset.count = String(p.point_count);
      if (label) {
        const names = new Set(index.getLeaves(p.cluster_id, Infinity).map((l) => l.properties.event.place.name));
        if (names.size === 1) {
          g.dataset.place = [...names][0];
          const name = svgEl("text", { x: 12 + 3.5 * Math.sqrt(p.point_count), dy: "0.35em", class: "place" });
          name.textContent = g.dataset.place;
          g.append(name);
        }
      }
      g.addEventListener("click", () => {
        const events = index.getLeaves(p.cluster_id, Infinity).map((l) => l.properties.event);
        const places = [...new Set(events.map((e) => e.place.name))];
        showList(`${events.length} events: ${places.slice(0, 4).join(", ")}${places.length > 4 ? "…" : ""}`, events);
      });
    } else {
      const ev = p.event;
      g.append(svgEl("circle", { r: 7, fill: QUAD_COLORS[ev.quad_class] || NO_QUAD, stroke: "#fff", "stroke-width": 1.5, class: "hit" }));
      g.dataset.count = "1";
      g.dataset.place = ev.place.name;
      if (label) {
        const text = svgEl("text", { x: 10, dy: "0.35em", class: "place" });
        text.textContent = ev.place.name;
        g.append(text);
      }
      g.addEventListener("click", () => showList(`${ev.place.name}: 1 event`, [ev]));
    }
    const title = svgEl("title");
    title.textContent = p.cluster ? `${p.point_count} events (click to list)` : `${p.event.place.name}: ${p.event.type} ${p.event.date || ""}`;
    g.append(title);
    layer.append(g);
  }
  svg.dataset.markers = String(items.length);
}

// A view around the events (a few degrees of margin), or the world.
function frame(points) {
  if (!points.length) return { type: "MultiPoint", coordinates: [[-170, -58], [180, 78]] };
  const lons = points.map((e) => e.place.lon), lats = points.map((e) => e.place.lat);
  const pad = (lo, hi, min) => { const m = Math.max(min - (hi - lo), 0) / 2; return [lo - m, hi + m]; };
  const [w, e] = pad(Math.min(...lons), Math.max(...lons), 30);
  const [s, n] = pad(Math.min(...lats), Math.max(...lats), 18);
  return { type: "MultiPoint", coordinates: [[Math.max(w - 4, -180), Math.max(s - 3, -80)], [Math.min(e + 4, 180), Math.min(n + 3, 84)]] };
}

function legend(svg, height) {
  const g = svgEl("g", { class: "map-legend", transform: `translate(18,${height - 22 - 22 * QUADS.length})` });
  g.append(svgEl("rect", { x: -10, y: -16, width: 262, height: 22 * QUADS.length + 30, rx: 4 }));
  QUADS.forEach((q, i) => {
    g.append(svgEl("circle", { cx: 6, cy: i * 22, r: 6, fill: q.color }));
    const t = svgEl("text", { x: 20, y: i * 22, dy: "0.35em" });
    t.textContent = q.label;
    g.append(t);
  });
  const t = svgEl("text", { x: 0, y: QUADS.length * 22, dy: "0.35em" });
  t.textContent = "pie: a cluster, number = its events";
  g.append(t);
  svg.append(g);
}

export async function show(state) {
  const [shapes, data] = await Promise.all([loadCountries(), loadEvents(state)]);
  const unit = state.unit === "week" ? "week" : "month";
  const events = inBucket(data.events, state.bucket, unit);
  const points = events.filter((e) => e.place && e.place.lat != null && e.place.lon != null);
  const box = $("map");
  const width = box.clientWidth || 800, height = box.clientHeight || 500;
  // Room around the events: place labels run to the right of their markers.
  const projection = geoMercator().fitExtent([[40, 40], [width - 130, height - 40]], frame(points));
  const path = geoPath(projection);
  const svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "map of events" });
  const land = svgEl("g", { class: "countries" });
  for (const f of shapes) {
    const d = path(f);
    if (!d) continue;
    const p = svgEl("path", { d });
    const title = svgEl("title");
    title.textContent = f.properties.name;
    p.append(title);
    land.append(p);
  }
  svg.append(land, svgEl("g", { class: "markers" }));
  legend(svg, height);
  box.replaceChildren(svg);
  view = { svg, projection, index: clusterIndex(points), transform: zoomIdentity, points };
  select(svg).call(zoom().scaleExtent([0.5, 256]).on("zoom", (event) => {
    view.transform = event.transform;
    land.setAttribute("transform", event.transform.toString());
    drawMarkers();
  }));
  drawMarkers();
  window.eventMap = view; // for tests and the console

  const notes = [`${data.title}: ${points.length} event(s) with coordinates`];
  if (events.length > points.length) notes.push(`${events.length - points.length} without a place`);
  $("map-note").replaceChildren(notes.join(" · "));
  if (state.bucket) {
    $("map-note").append(` · only ${unit === "week" ? "the week of " : ""}${state.bucket} (picked on the timeline) `,
      link("show every date", withChanges({ bucket: undefined })));
  }
  $("map-note").append(" · ", link("timeline of these events", withChanges({ view: "timeline" })));
  hint("Click a marker to list its events; scroll to zoom, drag to pan.");
  return `${points.length} events on the map`;
}
