"""The review page on long documents: build time, page size, and Chromium opening and scrolling it.

Two 5 MB inputs: news text (the People's Daily corpus, ``benchmarks.speed.documents``,
as one document: few edits, much text) and the five seeds repeated (an edit-dense
worst case: dedup removes every repeat, punctuation fixes thousands of marks). Each
page is opened in headless Chromium (Debian's, through Selenium; no network): the
time until the first paragraphs are on screen and the longest task
the page runs while scrolling to the end, 20 screens at a time (the page renders
paragraphs as they come into view). The naive baseline renders every paragraph at
once on open, as a page without lazy rendering would.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import DATA
from benchmarks.speed import documents

ROOT = Path(__file__).resolve().parent.parent
OUT = DATA / "review"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1280,900"]


def inputs(megabytes: float) -> dict[str, str]:
    seeds = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "seeds").glob("*.txt")))
    copies = int(megabytes * 1_000_000 / len(seeds.encode("utf-8"))) + 1
    return {"news text": "".join(documents(megabytes, seed=31)), "seeds repeated": "\n\n".join([seeds] * copies) + "\n"}


def build(name: str, text: str) -> tuple[Path, dict[str, float]]:
    from cleaner.pipeline import Pipeline
    from cleaner.review.page import document_data, render_page
    t0 = time.perf_counter()
    result = Pipeline().run(text)
    t1 = time.perf_counter()
    page = render_page([document_data(name, text, result)])
    t2 = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / (name.replace(" ", "_") + ".html")
    path.write_text(page, encoding="utf-8")
    return path, {"mb": len(text.encode("utf-8")) / 1e6, "edits": len(result.edits),
                  "pipeline": t1 - t0, "page": t2 - t1, "html": path.stat().st_size / 1e6}


def _driver(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or ""
    for arg in ARGS + [f"--user-data-dir={profile}"]:
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))


def _until(driver, script: str) -> None:
    while not driver.execute_script(script):
        time.sleep(0.02)


_WATCH = ("window.__long = []; new PerformanceObserver((l) => l.getEntries().forEach("
          "(e) => window.__long.push(e.duration))).observe({type: 'longtask'});")
_STEP = ("const done = arguments[arguments.length - 1]; scrollBy(0, innerHeight * 20);"
         "requestAnimationFrame(() => requestAnimationFrame(() =>"
         " done(scrollY + innerHeight < document.body.scrollHeight - 2)));")


def browse(path: Path, naive: bool) -> dict[str, float]:
    """Open the page; scroll to the end; the long tasks (50 ms or more) the page ran meanwhile."""
    profile = tempfile.mkdtemp(prefix="cleaner-bench-chromium-")
    driver = _driver(profile)
    try:
        driver.get(path.as_uri())
        _until(driver, "return document.querySelectorAll('.c').length > 0")
        opened = driver.execute_script("return performance.now()") / 1000
        if naive:
            opened += driver.execute_script("const t = performance.now(); window.cleanerReview.renderAll();"
                                            "document.body.offsetHeight; return performance.now() - t") / 1000
        driver.execute_script(_WATCH)
        t1 = time.perf_counter()
        while driver.execute_async_script(_STEP):
            pass
        scrolled = time.perf_counter() - t1
        long = driver.execute_script("return window.__long")
        return {"open": opened, "worst": max(long, default=0) / 1000, "scroll": scrolled}
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def run(quick: bool = False) -> str:
    megabytes = 0.5 if quick else 5.0
    rows = []
    for name, text in inputs(megabytes).items():
        path, built = build(name, text)
        for naive in (True, False):
            seen = browse(path, naive)
            rows.append(f"| {name} | {built['mb']:.1f} | {built['edits']:,} | {built['pipeline']:.1f} | "
                        f"{built['page']:.1f} | {built['html']:.1f} | "
                        f"{'render all on open (naive)' if naive else 'lazy (cleaner review)'} | "
                        f"{seen['open']:.2f} | {seen['worst']:.2f} | {seen['scroll']:.1f} |")
    return ("## Review page (`cleaner review`)\n\n"
            "Build: the pipeline, then the page data and HTML (`document_data`, `render_page`). Browser: "
            "headless Chromium; *open* is the time from navigation until the first paragraphs are rendered "
            "(for the naive row: until every paragraph is); *longest task* is the longest the page kept the "
            "main thread busy (a frozen page) while scrolling to the end 20 screens at a time (0: no task of "
            "50 ms or more).\n\n"
            "| input | MB | edits | pipeline s | page s | HTML MB | rendering | open s | "
            "longest task s | scroll to end s |\n"
            "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n"
            + "\n".join(rows) + "\n")


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    print(run())
