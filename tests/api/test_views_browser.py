"""The timeline, map and actor page of the viewer in headless Chromium over the seed graph.

Screenshots of each view are saved in ``tests/artifacts/`` (git-ignored; the path is printed)
or in ``DEKG_SCREENSHOT_DIR`` when set (``docs/img`` is refreshed that way)."""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from test_viewer_browser import browser, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

__all__ = ["browser"]  # the fixture, imported for the tests below

ARTIFACTS = Path(os.environ.get("DEKG_SCREENSHOT_DIR") or Path(__file__).parents[1] / "artifacts")
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


def shot(driver: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / name))
    print(f"screenshot: {ARTIFACTS / name}")


def api(live_server: Any, path: str, **params: str) -> Any:
    url = live_server.url + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def open_view(driver: Any, url: str) -> None:
    driver.get(url)
    loaded(driver, None)


def loaded(driver: Any, before: str | None) -> None:
    """Wait until the page has rendered (again, when ``before`` is the previous mark)."""
    mark = "document.body.dataset.loaded"
    wait_for(
        driver, f"return {mark}" if before is None else f"return {mark} && {mark} !== '{before}'"
    )
    state = driver.execute_script(f"return {mark}")
    assert state != "error", driver.find_element("id", "status").text


def apply_filter(driver: Any, css: str) -> None:
    before = driver.execute_script("return document.body.dataset.loaded")
    driver.find_element("css selector", css).click()
    driver.find_element("id", "f-apply").click()
    loaded(driver, before)


def chart(driver: Any) -> dict[str, Any]:
    result: dict[str, Any] = driver.execute_script(
        "const c = window.timeline; return {labels: c.data.labels,"
        " series: Object.fromEntries(c.data.datasets.map(d => [d.label, d.data]))};"
    )
    return result


def test_timeline_of_the_seed_pair_follows_the_filters(browser: Any, live_server: Any) -> None:
    open_view(browser, live_server.url + "/?view=timeline&actor=USA&with=RUS")
    drawn = chart(browser)
    relation = api(live_server, "/relations", a="USA", b="RUS")
    assert drawn["labels"] == [m["month"] for m in relation["months"]] == ["2021-12"]
    for i, label in enumerate(QUADS):
        assert drawn["series"][label] == [m["quads"][i] for m in relation["months"]]
    assert drawn["series"]["Goldstein sum"] == pytest.approx(
        [m["goldstein_sum"] for m in relation["months"]], abs=0.01
    )
    assert drawn["series"]["verbal conflict"] == [2] and drawn["series"]["verbal cooperation"] == [
        1
    ]
    assert "United States and Russia" in browser.find_element("id", "tl-title").text

    # A click on the bar lists its events; the bucket goes into the URL.
    bar = browser.execute_script(
        "const b = timeline.getDatasetMeta(0).data[0], r = timeline.canvas.getBoundingClientRect();"
        "return {x: b.x - r.width / 2, y: (b.y + b.base) / 2 - r.height / 2};"
    )
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = browser.find_element("id", "tl-canvas")
    before = browser.execute_script("return document.body.dataset.loaded")
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(bar["x"]), int(bar["y"])
    ).click().perform()
    loaded(browser, before)
    assert "bucket=2021-12" in browser.current_url
    items = browser.find_elements("css selector", "#details ol.events li")
    assert (
        len(items) == 3
        and "3 event(s), 2021-12" in browser.find_element("css selector", "#details h2").text
    )
    shot(browser, "timeline.png")

    # Weekly buckets, then a type filter: the bars change and the filter is in the URL.
    before = browser.execute_script("return document.body.dataset.loaded")
    browser.find_element("css selector", "#f-unit option[value='week']").click()
    loaded(browser, before)
    assert chart(browser)["labels"] == ["2021-11-29"]
    apply_filter(browser, "#f-type option[value='CONSULT']")
    assert "type=CONSULT" in browser.current_url and "unit=week" in browser.current_url
    consult = chart(browser)["series"]
    assert consult["verbal cooperation"] == [1] and consult["verbal conflict"] == [0]

    # The URL alone reproduces the view (shareable).
    url = browser.current_url
    open_view(browser, url)
    assert chart(browser)["series"] == consult


def markers(driver: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = driver.execute_script(
        "return [...document.querySelectorAll('#map .marker')].map(g => ({place: g.dataset.place,"
        " count: Number(g.dataset.count), at: g.getAttribute('transform')}));"
    )
    return found


def test_map_shows_the_stockholm_meeting_and_follows_filters(
    browser: Any, live_server: Any
) -> None:
    open_view(browser, live_server.url + "/?view=map&actor=USA&with=RUS")
    shown = markers(browser)
    assert [(m["place"], m["count"]) for m in shown] == [("Stockholm", 2)]
    x, y = browser.execute_script("return eventMap.projection([18.0649, 59.33258]);")
    at = [float(v) for v in shown[0]["at"].removeprefix("translate(").rstrip(")").split(",")]
    assert at == pytest.approx([x, y], abs=0.5)  # the marker sits on Stockholm
    legend = browser.find_element("css selector", "#map .map-legend").text
    assert all(label in legend for label in QUADS)
    assert "1 without a place" in browser.find_element("id", "map-note").text

    browser.find_element("css selector", "#map .marker .hit").click()
    wait_for(browser, "return document.querySelectorAll('#details ol.events li').length === 2")
    listed = browser.find_element("css selector", "#details ol.events").text
    assert "CONSULT" in listed and "THREATEN" in listed and "Stockholm" in listed
    shot(browser, "map.png")

    apply_filter(browser, "#f-type option[value='CONSULT']")
    assert [(m["place"], m["count"]) for m in markers(browser)] == [("Stockholm", 1)]
    apply_filter(browser, "#f-type option[value='MOBILIZE']")
    assert markers(browser) == []

    # Linked with the timeline: a month picked there narrows the map, and back.
    open_view(browser, live_server.url + "/?view=timeline&actor=USA&with=RUS&bucket=2021-12")
    before = browser.execute_script("return document.body.dataset.loaded")
    browser.find_element("link text", "show on the map").click()
    loaded(browser, before)
    assert "view=map" in browser.current_url and "bucket=2021-12" in browser.current_url
    assert [m["count"] for m in markers(browser)] == [2]


def test_actor_page_of_blinken_lists_lavrov_and_evidence(browser: Any, live_server: Any) -> None:
    open_view(browser, live_server.url + "/?view=actor&id=person:antony-blinken")
    page = browser.find_element("id", "actor-view")
    assert page.find_element("tag name", "h2").text == "Antony Blinken"
    assert "Secretary of State of United States" in page.text
    rows = page.find_elements("css selector", "table.counterparts tr")
    lavrov = next(r for r in rows if "Sergei Lavrov" in r.text)
    assert "CONSULT 1" in lavrov.text and "THREATEN 1" in lavrov.text
    quotes = [q.text for q in page.find_elements("css selector", "ol.events blockquote")]
    assert any(
        q.startswith("Blinken delivered the warning to Russian Foreign Minister") for q in quotes
    )
    titles = page.find_elements("css selector", "ol.events h3")
    assert any("Blinken urges Russia" in t.text for t in titles)
    if actor_has_wikidata := api(live_server, "/actors/person:antony-blinken").get("wikidata"):
        assert page.find_element("link text", actor_has_wikidata)
    shot(browser, "actor.png")

    # Links keep their state in the URL: Lavrov's page, then back to Blinken's.
    before = browser.execute_script("return document.body.dataset.loaded")
    lavrov.find_element("link text", "Sergei Lavrov").click()
    loaded(browser, before)
    assert "id=person%3Asergei-lavrov" in browser.current_url
    assert browser.find_element("css selector", "#actor-view h2").text == "Sergei Lavrov"
    before = browser.execute_script("return document.body.dataset.loaded")
    browser.back()
    loaded(browser, before)
    assert browser.find_element("css selector", "#actor-view h2").text == "Antony Blinken"

    # The pair's timeline from the counterparts table.
    before = browser.execute_script("return document.body.dataset.loaded")
    lavrov = next(
        r
        for r in browser.find_elements("css selector", "table.counterparts tr")
        if "Sergei Lavrov" in r.text
    )
    lavrov.find_element("link text", "timeline").click()
    loaded(browser, before)
    assert chart(browser)["labels"] == ["2021-12"]
