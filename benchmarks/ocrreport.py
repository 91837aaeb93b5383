"""Reports of several pages: one column, page numbers and running heads, read page by page.

The development pages are one page each, so they never show what a document of
several pages does to its text: a paragraph cut by the page break goes on after a
page number and the next page's running head. This set typesets 10 reports of two
or three A4 pages (People's Daily articles, or chapters of the Criminal Law), one
column with indented paragraphs, a running head on every page after the first (the
paper's name or the law's title, over a rule) and a page number at the foot of
every page (``— 3 —``, or ``第 3 页`` on the law's pages); Tesseract reads each page
(``--psm 3`` and ``--psm 1`` alternating), and the pages' texts are joined with form
feeds, as a scanned report's pages come out of OCR one after another. Half the
reports are degraded (150 dpi, blur, noise, a small rotation, JPEG).

Gold: the headline, then the paragraphs and subheadings in reading order, one a
line, a paragraph cut by a page break whole; the page numbers and running heads are
not in it (they are not the text). ``cut`` lists where a page break cut a gold
paragraph.

Built (never committed) and cached under ``benchmarks/data/ocrdev/report/``;
``python -m benchmarks.ocrreport`` builds the set (``--check``: the check set,
:data:`CHECK`, other seeds, looked at only for the faults its figures showed), and
``python -m benchmarks ocrreport`` scores both
(:func:`benchmarks.ocrdev_bench.run_reports`). The first set's pages were studied
while page furniture was built (``furniture.page_furniture``).
"""

from __future__ import annotations

import json
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from benchmarks.ocrdev import (DATA, FONTS, Block, DevPage, Page, Spec, _law_story, _pd_story, convention,
                               degrade, headline, ocr)

NAME = "report"
#: Reports of the same generator with other seeds (other stories, fonts, degradations),
#: built to see whether the figures hold on reports nothing was tuned on (looked at only for
#: the faults their figures showed).
CHECK = "reportcheck"
REPORTS = 10
#: The most pages a report runs to (its text is cut where the last page ends).
MOST_PAGES = 3


@dataclass(frozen=True)
class Report:
    """One report: its pages (each a :class:`~benchmarks.ocrdev.Spec` with its own image), the
    gold paragraphs, and where a page break cut a gold paragraph: [index, offset in it]."""

    id: str
    pages: tuple[Spec, ...]
    gold: list[str]
    cut: list[list[int]]


def _specs(i: int, name: str) -> tuple[str, Spec]:
    rng = random.Random(f"ocrreport-{i}" if name == NAME else f"ocr{name}-{i}")
    fonts = list(FONTS)
    source = ("pd", "law")[i % 2]
    psm = (3, 1)[i // 2 % 2]
    font = fonts[(i + (1 if name == NAME else 4)) % len(fonts)]
    if i % 4 < 2:
        base = Spec(f"{name}-{i:02d}", "report", source, font, psm, 200, 0.0, 0.0, 0.0, 0)
    else:
        base = Spec(f"{name}-{i:02d}", "report", source, font, psm, rng.choice([150, 200]),
                    rng.choice([0.6, 0.9]), rng.choice([6.0, 12.0]), rng.choice([-0.4, 0.3]), rng.choice([0, 60]))
    return source, base


def _content(spec: Spec, rng: random.Random) -> tuple[str, list[Block]]:
    title, blocks = (_pd_story if spec.source == "pd" else _law_story)(rng, 4200)
    return title, [("para" if kind == "para" else "sub", text, False) for kind, text, _ in blocks]


def _running_head(spec: Spec, title: str) -> str:
    return "人民日报 1998年1月" if spec.source == "pd" else f"中华人民共和国刑法·{title}"


def _page_number(spec: Spec, n: int) -> str:
    return f"— {n} —" if spec.source == "pd" else f"第 {n} 页"


def build(i: int, name: str = NAME) -> Report:
    """Report ``i`` of set ``name`` (:data:`NAME` or :data:`CHECK`): typeset its pages
    (cached) and return it with its gold."""
    source, base = _specs(i, name)
    folder = DATA / "ocrdev" / name
    folder.mkdir(parents=True, exist_ok=True)
    gold_path = folder / f"{base.id}.gold.json"
    if gold_path.exists():
        saved = json.loads(gold_path.read_text(encoding="utf-8"))
        pages = tuple(replace(base, id=f"{base.id}p{n + 1}") for n in range(saved["pages"]))
        if all(p.image.exists() for p in pages):
            return Report(base.id, pages, [convention(p) for p in saved["gold"]], saved["cut"])
    rng = random.Random(base.id)
    title, blocks = _content(base, rng)
    images, gold, cut = _typeset(base, title, blocks)
    pages = tuple(replace(base, id=f"{base.id}p{n + 1}") for n in range(len(images)))
    for spec, img in zip(pages, images):
        img = degrade(spec, img)
        img.save(spec.image, dpi=(spec.dpi, spec.dpi), **({"quality": spec.jpeg} if spec.jpeg else {}))
    gold_path.write_text(json.dumps({"pages": len(pages), "gold": gold, "cut": cut}, ensure_ascii=False),
                         encoding="utf-8")
    return Report(base.id, pages, [convention(p) for p in gold], cut)


def _typeset(spec: Spec, title: str, blocks: list[Block]) -> tuple[list[object], list[str], list[list[int]]]:
    """The page images, the gold paragraphs and where a page break cut them ([index, offset])."""
    images: list[object] = []
    gold: list[str] = [title]
    cut: list[list[int]] = []
    page = Page(spec)
    m = page.px(110)
    width = page.W - 2 * m
    bottom = page.H - m
    y = headline(page, title, m, m, width, 60)
    n = 1

    def finish(current: Page, number: int) -> None:
        font = current.small
        current.put(font, _page_number(spec, number), m, bottom + current.px(30), width, "center")
        images.append(current.img)

    for kind, text, _ in blocks:
        font = page.body if kind == "para" else page.bold[34]
        lines = page.wrap(font, text, width, indent=kind == "para")
        before = 0 if kind == "para" else page.px(14)
        y += before
        printed = 0
        for k, line in enumerate(lines):
            if y + page.line_h > bottom:
                if n == MOST_PAGES:
                    break
                finish(page, n)
                n += 1
                page = Page(spec)
                page.put(page.small, _running_head(spec, title), m, m - page.px(50), width, "center")
                page.draw.line([(m, m - page.px(12)), (m + width, m - page.px(12))], fill=0, width=max(1, page.px(2)))
                y = m
                if 0 < k:
                    cut.append([len(gold), len("".join(lines[:k]).lstrip("\u3000"))])
            how = "center" if kind != "para" else ("justify" if k < len(lines) - 1 else "left")
            page.put(font, line, m, y, width, how)
            y += page.line_h
            printed += 1
        if printed:
            gold.append(text if printed == len(lines) else "".join(lines[:printed]).lstrip("\u3000"))
        if printed < len(lines):
            break  # the report ends here
    finish(page, n)
    return images, gold, cut


def reports(count: int = REPORTS, jobs: int = 2, name: str = NAME) -> list[DevPage]:
    """Every report of set ``name`` as a :class:`~benchmarks.ocrdev.DevPage` (its pages' OCR
    texts joined by form feeds), building and reading what is not cached."""
    built = [build(i, name) for i in range(count)]
    specs = [spec for r in built for spec in r.pages]
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, 2))) as pool:
        texts = dict(zip((s.id for s in specs), pool.map(ocr, specs)))
    return [DevPage(replace(r.pages[0], id=r.id), "\f".join(texts[s.id] for s in r.pages), r.gold) for r in built]


def cut_paragraphs(count: int = REPORTS, name: str = NAME) -> dict[str, list[tuple[str, int]]]:
    """The gold paragraphs a page break cut, and where, by report id."""
    out = {}
    for i in range(count):
        r = build(i, name)
        out[r.id] = [(r.gold[k], at) for k, at in r.cut]
    return out


if __name__ == "__main__":
    from benchmarks.args import parse

    which = CHECK if parse(__doc__, flags={"check": "the check reports, not the studied ones"}).check else NAME
    done = reports(name=which)
    print(len(done), "reports,", sum(len(cut) for cut in cut_paragraphs(name=which).values()),
          "paragraphs cut by a page break,", sum(len("\n".join(p.gold)) for p in done), "gold characters")
