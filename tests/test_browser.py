"""The review page in a real browser: Debian's Chromium driven by Selenium (headless, offline).

These tests skip, with the reason, where Chromium, its driver or Selenium is missing, unless
CLEANER_BROWSER_TESTS=required (as ``.ci/run`` sets it, after installing them): then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest

from cleaner.cli import main
from cleaner.edits import apply_edits
from cleaner.pipeline import Pipeline

from conftest import ROOT, seed_text

SEED_000 = str(ROOT / "seeds" / "000_811ec0b4d1a5f84a.txt")
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
               "--window-size=1280,900"]
def page_data(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    start = text.index('id="cleaner-data">') + len('id="cleaner-data">')
    return json.loads(text[start:text.index("</script>", start)])


WAIT = 20  # seconds at most for the page to react; the tests poll, they never sleep


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "no Chromium (Debian: apt-get install chromium chromium-driver)"
    if not shutil.which("chromedriver"):
        return "no chromedriver (Debian: apt-get install chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("CLEANER_BROWSER_TESTS") == "required":
            pytest.fail(f"browser tests are required here but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch a browser or a driver
    profile = tempfile.mkdtemp(prefix="cleaner-chromium-")
    downloads = tempfile.mkdtemp(prefix="cleaner-downloads-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    for arg in CHROME_ARGS + [f"--user-data-dir={profile}"]:
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    driver.downloads = Path(downloads)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review") / "review.html"
    assert main(["review", SEED_000, "-o", str(out)]) == 0
    return out


def wait(driver: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, WAIT, poll_frequency=0.05).until(condition)


def open_page(driver: Any, page: Path) -> None:
    driver.get(page.as_uri())
    wait(driver, lambda d: d.execute_script("return document.querySelectorAll('.c').length") > 0)


def press(driver: Any, key: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).send_keys(key).perform()


def edit_element(driver: Any, i: int) -> Any:
    """The first mark of edit ``i``, reached with the keyboard: n until the last edit, then p."""
    for key in ("n", "p"):
        last: str | None = "start"
        for _ in range(5000):
            here = driver.switch_to.active_element.get_attribute("data-e")
            if here == str(i):
                return driver.switch_to.active_element
            if here == last:
                break  # the first or last edit (or none at all): nothing further this way
            last = here
            press(driver, key)
    raise AssertionError(f"edit {i} not reached with the keyboard")


def test_counts_per_pass_and_keyboard_visits_every_edit(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.by import By
    expected = Pipeline().run(seed_text("000")).by_pass()
    open_page(browser, page)
    chips = {c.get_attribute("data-pass"): int(c.find_element(By.CLASS_NAME, "count").text)
             for c in browser.find_elements(By.CSS_SELECTOR, "#passes label[data-pass]")}
    assert chips == expected
    seen: list[int] = []
    for _ in range(sum(expected.values())):
        press(browser, "n")
        seen.append(int(wait(browser, lambda d: d.switch_to.active_element.get_attribute("data-e"))))
    assert len(set(seen)) == len(seen) == sum(expected.values())
    passes = [browser.execute_script(
        "return JSON.parse(document.getElementById('cleaner-data').textContent).documents[0].edits[arguments[0]].pass", i)
        for i in seen]
    assert Counter(passes) == Counter(expected)


def test_hover_and_focus_show_the_reason(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    result = Pipeline().run(seed_text("000"))
    [typo] = [i for i, e in enumerate(result.edits) if e.after == "以检促改"]
    open_page(browser, page)
    tip = browser.find_element(By.ID, "tip")
    assert not tip.is_displayed()
    ActionChains(browser).move_to_element(edit_element(browser, typo)).perform()
    wait(browser, lambda d: tip.is_displayed())
    assert result.edits[typo].reason in tip.text and "typos" in tip.text
    ActionChains(browser).move_by_offset(0, 300).perform()
    open_page(browser, page)
    tip = browser.find_element(By.ID, "tip")
    press(browser, "n")
    wait(browser, lambda d: tip.is_displayed())
    assert result.edits[0].reason in tip.text


def test_reject_two_edits_export_and_apply_the_plan(browser: Any, page: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    text = seed_text("000")
    result = Pipeline().run(text)
    [join] = [i for i, e in enumerate(result.edits) if e.pass_name == "rejoin" and "镇" in e.reason]
    [typo] = [i for i, e in enumerate(result.edits) if e.after == "实实在在"]
    open_page(browser, page)
    for i in (join, typo):
        edit_element(browser, i).click()
        browser.find_element(By.ID, "reject").click()
    assert "2 rejected" in browser.find_element(By.ID, "summary").text
    assert "rej" in edit_element(browser, typo).get_attribute("class")
    for old in browser.downloads.glob("*"):
        old.unlink()
    browser.find_element(By.ID, "export").click()
    plan_path = browser.downloads / "plan.json"
    wait(browser, lambda d: plan_path.exists() and plan_path.read_text(encoding="utf-8").endswith("}\n"))
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    assert [s["id"] for s in plan["documents"][0]["skip"]] == sorted([join, typo])
    out = tmp_path / "out.txt"
    assert main(["--plan", str(plan_path), SEED_000, "-o", str(out)]) == 0
    # typos runs last: its input is the output without typos; the join is undone in place
    others = [e for i, e in enumerate(result.edits) if e.pass_name == "typos" and i != typo]
    expected = apply_edits(Pipeline(skip=["typos"]).run(text).text, others)[0]
    assert expected.count("乌尊布拉克镇") == 1
    expected = expected.replace("乌尊布拉克镇", "乌尊布拉克\n\n镇")
    assert out.read_text(encoding="utf-8") == expected


def test_filter_by_pass_hides_its_marks_from_navigation(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.by import By
    open_page(browser, page)
    browser.find_element(By.CSS_SELECTOR, '#passes label[data-pass="rejoin"] input').click()
    press(browser, "n")
    first = int(wait(browser, lambda d: d.switch_to.active_element.get_attribute("data-e")))
    data = browser.execute_script("return JSON.parse(document.getElementById('cleaner-data').textContent).documents[0]")
    assert data["edits"][first]["pass"] != "rejoin"
    marks = browser.find_elements(By.CSS_SELECTOR, ".e.p-rejoin")
    assert marks and all("off" in m.get_attribute("class") for m in marks)


def test_a_long_document_renders_only_what_is_in_view(browser: Any, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join([seed_text("000")] * 30), encoding="utf-8")
    out = tmp_path / "big.html"
    assert main(["review", str(big), "--only", "punctuation", "-o", str(out)]) == 0
    open_page(browser, out)
    paragraphs = len(page_data(out)["documents"][0]["chunks"])
    groups, rendered = browser.execute_script(
        "return [document.querySelectorAll('.grp').length, document.querySelectorAll('.c').length]")
    assert paragraphs > 1000 and groups < paragraphs / 10 and rendered < paragraphs / 10
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    wait(browser, lambda d: d.execute_script(
        "const g = document.querySelectorAll('.grp'); return !g[g.length - 1].classList.contains('todo')"))


def test_rejecting_an_edit_shows_the_edits_it_drops(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from cleaner.review.trace import build
    path = ROOT / "seeds" / "003_f7efa9ca69d6c9b8.txt"
    trace = build(Pipeline().run(path.read_text(encoding="utf-8")))
    dependant, rejected = next((i, d[0]) for i, d in enumerate(trace.deps)
                               if d and {trace.edits[i].pass_name, trace.edits[d[0]].pass_name} <= {"normalize", "rejoin"})
    out = tmp_path / "003.html"
    assert main(["review", str(path), "-o", str(out)]) == 0
    open_page(browser, out)
    # only the two passes involved, so that n reaches the edits sooner
    for other in ("punctuation", "typos"):
        browser.find_element(By.CSS_SELECTOR, f'#passes label[data-pass="{other}"] input').click()
    edit_element(browser, rejected).click()
    browser.find_element(By.ID, "reject").click()
    assert "1 dropped" in browser.find_element(By.ID, "summary").text
    plan = browser.execute_script("return window.cleanerReview.plan()")
    assert [s["id"] for s in plan["documents"][0]["skip"]] == [rejected]
    mark = edit_element(browser, dependant)
    assert "rej" in mark.get_attribute("class")
    assert f"depends on edit {rejected}" in browser.find_element(By.ID, "detail").text


VISIBLE_TEXT = """
window.cleanerReview.renderAll();
const walk = document.createTreeWalker(document.getElementById('doc-view'), NodeFilter.SHOW_TEXT);
let out = '';
for (let n; (n = walk.nextNode());) if (n.parentElement.checkVisibility()) out += n.data;
return out;
"""


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_input_and_output_views_show_exactly_the_two_texts(browser: Any, tmp_path: Path, prefix: str) -> None:
    from selenium.webdriver.common.by import By
    from cleaner.review.trace import build
    [path] = (ROOT / "seeds").glob(prefix + "_*.txt")
    source = path.read_text(encoding="utf-8")
    result = Pipeline().run(source)
    out = tmp_path / "page.html"
    assert main(["review", str(path), "-o", str(out)]) == 0
    open_page(browser, out)
    browser.find_element(By.CSS_SELECTOR, 'input[name="view"][value="input"]').click()
    assert browser.execute_script(VISIBLE_TEXT) == source
    browser.find_element(By.CSS_SELECTOR, 'input[name="view"][value="output"]').click()
    assert browser.execute_script(VISIBLE_TEXT) == result.text
    # the output view previews what --plan will write: reject the first edit others depend on
    trace = build(result)
    rejected = next((d[0] for d in trace.deps if d), len(result.edits) - 1)
    browser.find_element(By.CSS_SELECTOR, 'input[name="view"][value="inline"]').click()
    edit_element(browser, rejected).click()
    browser.find_element(By.ID, "reject").click()
    browser.find_element(By.CSS_SELECTOR, 'input[name="view"][value="output"]').click()
    assert browser.execute_script(VISIBLE_TEXT) == trace.text({rejected}) != result.text


def test_links_from_a_removed_repeat_and_a_moved_block(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.by import By
    data = page_data(page)["documents"][0]
    [removed] = [i for i, e in enumerate(data["edits"]) if e["kind"] == "removed"]
    moved = next(i for i, e in enumerate(data["edits"]) if e["kind"] == "moved-from")
    open_page(browser, page)
    edit_element(browser, removed)
    browser.find_element(By.CSS_SELECTOR, f'#e0-{removed} + a.jump[data-anchor="{removed}"]').click()
    anchor = browser.find_element(By.CSS_SELECTOR, f'.anchor[data-a="{removed}"]')
    wait(browser, lambda d: "flash" in anchor.find_element(By.XPATH, "..").get_attribute("class"))
    assert anchor.find_element(By.XPATH, "..").text.lstrip("\u25c6").startswith("新华社南京11月8日电")
    edit_element(browser, moved)
    browser.find_element(By.CSS_SELECTOR, f'#e0-{moved} + a.jump[data-go]').click()
    wait(browser, lambda d: d.switch_to.active_element.get_attribute("data-e") == str(data["edits"][moved]["pair"]))


def test_filter_by_rule(browser: Any, page: Path) -> None:
    from selenium.webdriver.common.by import By
    data = page_data(page)["documents"][0]
    rule = next(e["rule"] or e["pass"] for e in data["edits"] if e["pass"] == "typos")  # no id yet: the pass
    open_page(browser, page)
    browser.find_element(By.CSS_SELECTOR, "#rules-box summary").click()
    browser.find_element(By.CSS_SELECTOR, f'#rules label[data-rule="{rule}"] input').click()
    hidden = {str(i) for i, e in enumerate(data["edits"]) if (e["rule"] or e["pass"]) == rule}
    marks = browser.find_elements(By.CSS_SELECTOR, ".e[data-e]")
    assert all(("off" in m.get_attribute("class")) == (m.get_attribute("data-e") in hidden) for m in marks)
    visited = set()
    for _ in range(len(data["edits"])):
        press(browser, "n")
        visited.add(browser.switch_to.active_element.get_attribute("data-e"))
    assert visited and not visited & hidden
