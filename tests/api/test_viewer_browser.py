"""The viewer page in headless Chromium (Debian's chromium + chromium-driver, via Selenium):
it renders the seed graph, a filter changes what is shown, clicking an event shows evidence."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,900",
)


def _binary(*names: str) -> str | None:
    return next((path for name in names if (path := shutil.which(name))), None)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    chromium = _binary("chromium", "chromium-browser", "google-chrome")
    driver_path = _binary("chromedriver")
    if chromium is None or driver_path is None:
        reason = "chromium and chromedriver are needed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, script: str, timeout: float = 20.0) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))


def counts(driver: Any) -> dict[str, int]:
    result: dict[str, int] = driver.execute_script(
        "return {actors: cy.nodes(\"[kind = 'Actor']\").length,"
        " events: cy.nodes(\"[kind = 'Event']\").length, edges: cy.edges().length};"
    )
    return result


def test_viewer_renders_filters_and_shows_evidence(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    browser.get(live_server.url + "/")
    wait_for(browser, "return document.body.dataset.loaded")
    assert browser.execute_script("return document.body.dataset.loaded") != "error", (
        browser.find_element("id", "status").text
    )
    everything = counts(browser)
    assert everything["events"] == 4 and everything["actors"] >= 5 and everything["edges"] > 0
    assert browser.find_element("id", "status").text == (
        f"{everything['actors']} actors, {everything['events']} events"
    )
    browser.save_screenshot(str(tmp_path / "viewer-all.png"))

    # Filter: only THREATEN events.
    before = browser.execute_script("return document.body.dataset.loaded")
    browser.find_element("css selector", "#f-type option[value='THREATEN']").click()
    browser.find_element("id", "f-apply").click()
    wait_for(browser, f"return document.body.dataset.loaded !== '{before}'")
    threats = counts(browser)
    assert threats["events"] == 2
    assert threats["actors"] < everything["actors"]
    types = browser.execute_script("return cy.nodes(\"[kind = 'Event']\").map(n => n.data('type'))")
    assert set(types) == {"THREATEN"}

    # Click (tap) an event: its evidence sentence appears in the side panel.
    browser.execute_script(
        "const ev = cy.nodes(\"[kind = 'Event']\").filter(n => n.data('date') === '2021-12-02');"
        "ev[0].emit('tap');"
    )
    wait_for(browser, "return document.querySelectorAll('#details blockquote').length > 0")
    evidence = browser.find_element("css selector", "#details blockquote").text
    assert evidence.startswith("Blinken delivered the warning to Russian Foreign Minister")
    browser.save_screenshot(str(tmp_path / "viewer-threats.png"))
    keep = os.environ.get("DEKG_SCREENSHOT_DIR")
    if keep:
        for name in ("viewer-all.png", "viewer-threats.png"):
            shutil.copy(tmp_path / name, Path(keep) / name)
