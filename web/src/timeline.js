// The timeline view: events per week or month stacked by quad class, the Goldstein sum as a
// line (Chart.js); a click on a bar lists its events (the bucket is kept in the URL).
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController,
  LineElement, PointElement, Tooltip,
} from "chart.js";
import { bucketDays, bucketOf, bucketRange, inBucket, loadEvents } from "./events.js";
import { go, link, withChanges } from "./state.js";
import { $, el, QUADS, NO_QUAD } from "./util.js";
import { hint, showList } from "./detail.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement,
  PointElement, Legend, Tooltip);
Chart.defaults.font.size = 13;
Chart.defaults.color = "#1d232a";

let chart = null;
let shown = { buckets: [], events: [], unit: "month", title: "" };

function series(events, unit) {
  const dated = events.filter((e) => e.date);
  if (!dated.length) return { buckets: [], counts: [], goldstein: [] };
  const keys = dated.map((e) => bucketOf(e.date, unit)).sort();
  const buckets = bucketRange(keys[0], keys[keys.length - 1], unit);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const counts = [...QUADS.map(() => buckets.map(() => 0)), buckets.map(() => 0)];
  const goldstein = buckets.map(() => 0);
  for (const e of dated) {
    const i = index.get(bucketOf(e.date, unit));
    const row = QUADS.findIndex((q) => q.id === e.quad_class);
    counts[row >= 0 ? row : QUADS.length][i] += 1;
    goldstein[i] += e.goldstein ?? 0;
  }
  return { buckets, counts, goldstein: goldstein.map((g) => Math.round(g * 100) / 100) };
}

function datasets(s) {
  const bars = QUADS.map((q, row) => ({
    type: "bar", label: q.label, data: s.counts[row], backgroundColor: q.color, hoverBackgroundColor: q.color, stack: "events", yAxisID: "y", order: 2, maxBarThickness: 90, categoryPercentage: 0.9,
  }));
  if (s.counts[QUADS.length].some((n) => n)) {
    bars.push({ type: "bar", label: "no quad class", data: s.counts[QUADS.length], backgroundColor: NO_QUAD, hoverBackgroundColor: NO_QUAD,
      stack: "events", yAxisID: "y", order: 2, maxBarThickness: 90 });
  }
  const line = { type: "line", label: "Goldstein sum", data: s.goldstein, borderColor: "#1d232a",
    backgroundColor: "#1d232a", borderWidth: 2, pointRadius: s.buckets.map((_, i) => (s.counts.some((row) => row[i]) ? 4 : 0)), yAxisID: "y1", order: 1, tension: 0 };
  return [...bars, line];
}

// The Goldstein axis is symmetric around 0 (its zero line is drawn), so a month's line point
// reads as cooperative above the middle, conflictual below.
function goldsteinRange(values) {
  const top = Math.max(1, ...values.map(Math.abs));
  const step = 10 ** Math.floor(Math.log10(top));
  const m = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((f) => f * step >= top) * step;
  return { min: -m, max: m };
}

function draw(s, unit) {
  const options = {
    responsive: true, maintainAspectRatio: false, animation: false,
    interaction: { mode: "index", intersect: false },
    plugins: { legend: { position: "top", labels: { boxWidth: 14, font: { size: 13 }, sort: (a, b) => a.datasetIndex - b.datasetIndex } } },
    scales: {
      x: { stacked: true, ticks: { font: { size: 13 } }, title: { display: true, text: unit === "week" ? "week (starting Monday)" : "month" } },
      y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "events" } },
      y1: { position: "right", ...goldsteinRange(s.goldstein), title: { display: true, text: "Goldstein sum (line)" },
        grid: { color: (c) => (c.tick && c.tick.value === 0 ? "#57606a" : "transparent") } },
    },
    onClick: (event) => {
      const hit = chart.getElementsAtEventForMode(event, "index", { intersect: false }, true);
      if (hit.length) go(withChanges({ bucket: shown.buckets[hit[0].index] }), { replace: true });
    },
  };
  if (chart) chart.destroy();
  chart = new Chart($("tl-canvas"), { data: { labels: s.buckets, datasets: datasets(s) }, options });
  window.timeline = chart; // for tests and the console
}

function listBucket(state) {
  const bucket = state.bucket;
  if (!bucket || !shown.buckets.includes(bucket)) {
    hint("Click a bar to list its events.");
    return;
  }
  const events = inBucket(shown.events, bucket, shown.unit).slice().reverse();
  const [from, to] = bucketDays(bucket, shown.unit);
  const links = el("p", undefined, "links");
  links.append(link("show on the map", withChanges({ view: "map" })), " · ",
    link(`narrow the dates to ${from} – ${to}`, withChanges({ date_from: from, date_to: to, bucket: undefined })));
  const name = shown.unit === "week" ? `week of ${bucket}` : bucket;
  showList(`${events.length} event(s), ${name}`, events, [links]);
  // The picked bar is outlined (its colours stay those of the legend).
  const i = shown.buckets.indexOf(bucket);
  for (const ds of chart.data.datasets.filter((d) => d.type === "bar")) {
    ds.borderColor = "#1d232a";
    ds.borderWidth = shown.buckets.map((_, j) => (j === i ? 2 : 0));
  }
  chart.update();
}

export async function show(state) {
  const unit = state.unit === "week" ? "week" : "month";
  const data = await loadEvents(state);
  const s = series(data.events, unit);
  shown = { buckets: s.buckets, events: data.events, unit, title: data.title };
  const undated = data.events.filter((e) => !e.date).length;
  $("tl-title").textContent = `${data.title}: ${data.events.length - undated} dated event(s) by ${unit}`;
  const notes = [];
  if (undated) notes.push(`${undated} undated event(s) not drawn`);
  if (data.truncated) notes.push("only the first events are drawn: narrow the filters");
  if (!state.actor) notes.push("pick an actor (and a second one in “with”) for a dyad timeline");
  $("tl-note").textContent = notes.join(" · ");
  draw(s, unit);
  listBucket(state);
  return `${data.events.length} events`;
}
