"""Every page kind reaches DOMContentLoaded within 3 s on a throttled phone: 4× CPU
slowdown, 1.6 Mbit/s down, 150 ms latency, no cache, served compressed as web hosts do.

Each page is loaded under Chromium's own throttling (CDP) up to three times and keeps its
best time. On a busy machine the wall clock also counts the time other processes take;
when no try is within budget, the page is judged on what it costs by itself: the time
its blocking files take to arrive on the throttled network, plus four times the CPU time
its main thread spent before DOMContentLoaded (measured without CPU throttling). Either
way a heavier page fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, PHONE, serve_folder

pytestmark = [pytest.mark.slow, pytest.mark.browser]

playwright = pytest.importorskip("playwright.sync_api")

BUDGET_MS = 3000
SLOWDOWN = 4
TRIES = 3
PAGES = [
    "index.html", "etapes/index.html", "etapes/etape-5-feuille-de-route.html", "roles/dpo.html",
    "parcours/direction-etablissement.html", "glossaire.html", "ressources/index.html",
    "ressources/par-etape.html", "ressources/anap-kit-rgpd.html", "retours-experience/index.html",
    "retours-experience/aidhl.html", "comprendre/mutualisation.html", "modeles/index.html",
    "sources.html", "404.html",
]
TIMES = """() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  const blocking = performance.getEntriesByType('resource')
    .filter(r => r.initiatorType === 'link' || r.initiatorType === 'script')
    .map(r => r.responseEnd);
  return [navigation.domContentLoadedEventEnd, Math.max(navigation.responseEnd, ...blocking)];
}"""


def _load(browser, url: str, cpu: float) -> tuple[float, float, float]:
    """DOMContentLoaded, the arrival of the last blocking file, and the main thread's CPU
    time before DOMContentLoaded, in milliseconds."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 150,
        "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})

    def thread_time() -> float:
        metrics = cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "ThreadTime") * 1000

    before = thread_time()
    page.goto(url, wait_until="domcontentloaded", timeout=60000)
    spent = thread_time() - before
    loaded, ready = page.evaluate(TIMES)
    context.close()
    return loaded, ready, spent


def test_every_page_kind_is_ready_within_3_s_on_a_throttled_phone(real_site: Path) -> None:
    measured: dict[str, float] = {}
    modelled: dict[str, float] = {}
    with serve_folder(real_site, compress=True) as base, playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for address in PAGES:
            for _ in range(TRIES):
                loaded, _, _ = _load(browser, f"{base}/{address}", SLOWDOWN)
                measured[address] = min(measured.get(address, float("inf")), loaded)
                if loaded < BUDGET_MS:
                    break
            else:
                _, ready, spent = _load(browser, f"{base}/{address}", 1)
                assert spent > 0 and ready > 0
                modelled[address] = ready + SLOWDOWN * spent
        browser.close()
    assert len(measured) == len(PAGES) and all(time > 0 for time in measured.values())
    slow = {address: (round(measured[address]), round(time))
            for address, time in modelled.items() if time >= BUDGET_MS}
    assert slow == {}, f"DOMContentLoaded (ms, measured and by CPU time) over {BUDGET_MS}: {slow}"
