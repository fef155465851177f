// The events a timeline or a map shows for a state: the pair's relation (actor + with), or
// the events matching the filters (an actor's, or all), fetched page by page up to a cap.
import { filterParams } from "./state.js";
import { getJson, actorName } from "./util.js";

export const MAX_EVENTS = 5000;
let last = { key: null, value: null };

export async function loadEvents(state) {
  const key = JSON.stringify([state.actor, state.with, state.date_from, state.date_to, state.type]);
  if (last.key === key) return last.value;
  const value = state.actor && state.with ? await relation(state) : await matching(state);
  last = { key, value };
  return value;
}

async function relation(state) {
  const params = filterParams(state, { actors: false });
  params.set("a", state.actor);
  params.set("b", state.with);
  params.set("limit", String(MAX_EVENTS));
  const body = await getJson("/relations?" + params);
  return { title: `${actorName(body.a)} and ${actorName(body.b)}`, events: body.events, truncated: body.truncated };
}

async function matching(state) {
  const params = filterParams(state);
  params.set("limit", "500");
  const events = [];
  let cursor = null;
  do {
    if (cursor) params.set("cursor", cursor);
    const page = await getJson("/events?" + params);
    events.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && events.length < MAX_EVENTS);
  const title = state.actor ? `events of ${state.actor}` : "all events";
  return { title, events: events.reverse(), truncated: Boolean(cursor) };
}

// Buckets: a month ("2021-12") or an ISO week named by its Monday ("2021-11-29").
export function bucketOf(date, unit) {
  if (!date) return null;
  if (unit !== "week") return date.slice(0, 7);
  const day = new Date(date + "T00:00:00Z");
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86400000);
  return monday.toISOString().slice(0, 10);
}

/** Every bucket from the first to the last (empty ones included, so time reads evenly). */
export function bucketRange(first, last, unit) {
  const out = [];
  if (unit === "week") {
    for (let t = Date.parse(first + "T00:00:00Z"); t <= Date.parse(last + "T00:00:00Z"); t += 7 * 86400000)
      out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  }
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** The bucket's first and last day (for a date filter). */
export function bucketDays(bucket, unit) {
  if (unit === "week") {
    const end = new Date(Date.parse(bucket + "T00:00:00Z") + 6 * 86400000);
    return [bucket, end.toISOString().slice(0, 10)];
  }
  const [y, m] = bucket.split("-").map(Number);
  const end = new Date(Date.UTC(y, m, 0));
  return [bucket + "-01", end.toISOString().slice(0, 10)];
}

export function inBucket(events, bucket, unit) {
  return bucket ? events.filter((e) => bucketOf(e.date, unit) === bucket) : events;
}
