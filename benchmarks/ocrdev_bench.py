"""Error breakdown on the OCR development set (``benchmarks.ocrdev``), and the clean-text check.

For every page: the raw Tesseract text, the naive baseline
(``benchmarks.naive``), the cleaner after each pass added in order
(``cleaner.score.stages``) and the peers of the ``ocr`` section, each scored
by ``cleaner.score`` against the gold. Tables are split by layout (clean
two-column pages; degraded three-column pages with a boxed story).

Beside the scorer's measures, *exact of readable* counts only the gold
paragraphs whose characters Tesseract read correctly (the paragraph's
whitespace-free NFKC text occurs in the page's whitespace-free NFKC OCR
text): those a layout repair alone could restore.

The clean-text check runs every pass on about 1 M characters of the corpus
itself (People's Daily paragraphs, one a line, articles of up to 40
paragraphs as documents) and on the law text, and counts the changes each
pass makes: on clean typeset text every count should be 0.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Callable

import regex

import cleaner
from benchmarks import lawtext
from benchmarks.corpus import articles
from benchmarks.naive import naive
from benchmarks.ocrdev import CHECK, PAGES, SINGLE, VERSION, DevPage, dev_set
from cleaner.score import KINDS, Score, score, split_paragraphs, stages, total

#: The default pipeline but for the punctuation pass's context repairs (bracket partners,
#: lone brackets, label spaces): the row that shows what they add.
WITHOUT_REPAIRS = cleaner.Pipeline(options={"punctuation": {"repairs": False}})

LAYOUTS = {"clean2": "clean 2-column pages (200 dpi, no degradation)",
           "boxed3": "degraded 3-column pages with a boxed story, photo caption, wrapped headlines",
           "single": "one-column pages (200 dpi, no degradation)"}


def _fold(text: str) -> str:
    return regex.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def readable(page: DevPage) -> list[str]:
    """Gold paragraphs whose characters the OCR read correctly."""
    raw = _fold(page.ocr)
    return [p for p in page.gold if _fold(p) in raw]


def exact_of(text: str, wanted: list[str]) -> int:
    available = Counter(split_paragraphs(text))
    hits = 0
    for p in wanted:
        if available[p] > 0:
            available[p] -= 1
            hits += 1
    return hits


def peers() -> dict[str, Callable[[str], str]]:
    from benchmarks.ocr import tools
    return {name: fn for name, fn in tools().items() if name not in ("raw OCR", "cleaner")}


def outputs(page: DevPage, pipeline: cleaner.Pipeline,
            others: dict[str, Callable[[str], str]]) -> dict[str, str]:
    """Every row's text for one page, in table order."""
    rows = {"raw OCR": page.ocr, "naive baseline": naive(page.ocr)}
    for name, text in stages(page.ocr, pipeline)[1:]:
        rows[f"cleaner: + {name}"] = text
    rows["cleaner, punctuation without its repairs"] = WITHOUT_REPAIRS(page.ocr)
    for name, fn in others.items():
        rows[name] = fn(page.ocr)
    return rows


def table(scores: dict[str, Score], readable_hits: dict[str, int], readable_total: int) -> list[str]:
    head = ("| text | CER % | layout % (CER - residual) | residual % | exact | exact of readable | "
            + " | ".join(f"{k} %" for k in KINDS) + " |")
    lines = [head, "|" + " --- |" * (6 + len(KINDS))]
    for name, s in scores.items():
        lines.append(f"| {name} | {100 * s.cer:.2f} | {100 * (s.cer - s.residual_rate):.2f} | "
                     f"{100 * s.residual_rate:.2f} | {s.exact_rate:.3f} ({s.exact} of {s.paragraphs}) | "
                     f"{readable_hits[name] / max(1, readable_total):.3f} ({readable_hits[name]} of {readable_total}) | "
                     + " | ".join(f"{100 * s.share(k):.2f}" for k in KINDS) + " |")
    return lines


def clean_text_check(limit_chars: int = 1_000_000) -> tuple[dict[str, int], dict[str, Counter[str]], list[str]]:
    """Characters cleaned and changes per pass, by source, with a few examples, on clean text."""
    docs: dict[str, list[str]] = {"People's Daily": [], "Criminal Law": []}
    size = 0
    for art in articles():
        docs["People's Daily"].append("\n".join(art[:40]) + "\n")
        size += len(docs["People's Daily"][-1])
        if size >= limit_chars:
            break
    # The wheel's CSV prints two articles twice (第一百零一条 in chapter 5, 第三百零四条 in
    # chapter 11): real repeats, which dedup is right to remove, so the text is checked
    # without the second copies.
    seen: set[str] = set()
    docs["Criminal Law"] = []
    for chapter in lawtext.chapters():
        kept = [t for _, t in chapter if len(t) < 20 or not (t in seen or seen.add(t))]
        docs["Criminal Law"].append("\n".join(kept) + "\n")
    pipeline = cleaner.Pipeline()
    counts: dict[str, Counter[str]] = {}
    examples: list[str] = []
    for source, texts in docs.items():
        counts[source] = Counter()
        for doc in texts:
            for edit in pipeline.run(doc).edits:
                counts[source][edit.pass_name] += 1
                if len(examples) < 5:
                    examples.append(f"{source}, {edit.pass_name}: `{edit.before[:24].replace(chr(10), '⏎')}` → "
                                    f"`{edit.after[:24].replace(chr(10), '⏎')}` ({edit.reason[:100]})")
    return {k: sum(map(len, v)) for k, v in docs.items()}, counts, examples


#: A page counts as read when Tesseract lost less than this share of its characters.
READ = 0.10


def lost(page: DevPage) -> float:
    """Share of the gold's characters (NFKC, no white space, as a multiset) missing from the OCR
    text: blocks Tesseract skipped or garbled, whatever the order it read the rest in."""
    want, got = Counter(_fold("".join(page.gold))), Counter(_fold(page.ocr))
    return sum(max(0, n - got[c]) for c, n in want.items()) / max(1, sum(want.values()))

Results = list[dict[str, tuple[Score, int]]]  # per page: row -> (score, exact of readable)


def _section(title: str, pages: list[DevPage], results: Results, chosen: list[int]) -> list[str]:
    if not chosen:
        return []
    names = list(results[chosen[0]])
    scores = {name: total(results[n][name][0] for n in chosen) for name in names}
    hits = {name: sum(results[n][name][1] for n in chosen) for name in names}
    wanted = sum(len(readable(pages[n])) for n in chosen)
    return [f"### {title}: {len(chosen)} pages", "", *table(scores, hits, wanted), ""]


def _results(pages: list[DevPage], pipeline: cleaner.Pipeline) -> Results:
    others = peers()
    results: Results = []
    for page in pages:
        want = readable(page)
        results.append({name: (score(text, page.gold), exact_of(text, want))
                        for name, text in outputs(page, pipeline, others).items()})
    return results


def run_check(quick: bool = False) -> str:
    """The same breakdown on the check set (:data:`benchmarks.ocrdev.CHECK`): pages of the
    same generator with other seeds, which no rule was tuned on, and on the one-column pages
    (:data:`benchmarks.ocrdev.SINGLE`), a layout no rule was studied on."""
    pages = dev_set(4 if quick else 20, name=CHECK) + dev_set(2 if quick else 10, name=SINGLE)
    results = _results(pages, cleaner.Pipeline())
    lines = ["## OCR check set: the same breakdown on pages nobody tuned on", "",
             f"{len(pages)} pages ({sum(len(chr(10).join(p.gold)) for p in pages):,} gold characters) "
             "made by `python -m benchmarks.ocrdev --check` and `--single`: the development set's "
             "generator with other seeds (other stories and passages, fonts shifted by three against the "
             "layouts, other degradations), and one-column pages (a notice's or a report's long lines, "
             "indented paragraphs), a layout the development set does not have. They tell whether the "
             "development figures hold beyond the 40 pages the rules were studied on; they do not test "
             "another generator. Scored as the development set, never studied.", ""]
    for layout, title in LAYOUTS.items():
        lines += _section(title, pages, results, [n for n, p in enumerate(pages) if p.spec.layout == layout])
    return "\n".join(lines + _by_psm(pages, results)) + "\n"


def run(quick: bool = False) -> str:
    pages = dev_set(8 if quick else PAGES)
    pipeline = cleaner.Pipeline()
    results = _results(pages, pipeline)
    lines = ["## OCR development set: error breakdown", "", _intro(pages), ""]
    for layout, title in LAYOUTS.items():
        lines += _section(title, pages, results, [n for n, p in enumerate(pages) if p.spec.layout == layout])
    lines += [f"Pages Tesseract read (it lost less than {100 * READ:.0f} % of the characters; on the "
              "others it skipped or garbled whole blocks):", ""]
    for layout, title in LAYOUTS.items():
        chosen = [n for n, p in enumerate(pages) if p.spec.layout == layout]
        if not chosen:
            continue
        read = [n for n in chosen if lost(pages[n]) < READ]
        if len(read) < len(chosen):
            lines += _section(f"{title}, read", pages, results, read)
        else:
            lines += [f"All {len(chosen)} {layout} pages were read: the table above holds.", ""]
    lines += _by_psm(pages, results) + [""]
    lines += _without_blank_lines(pages, pipeline)
    sizes, counts, examples = clean_text_check(100_000 if quick else 1_000_000)
    lines += ["### Clean typeset text", "",
              "Every pass on clean text, one paragraph a line (People's Daily articles, headlines "
              "included; the law's chapters with section headings): changes per pass (0 is the target).", "",
              "| pass | " + " | ".join(f"{k} ({v:,} characters)" for k, v in sizes.items()) + " |",
              "| --- |" + " --- |" * len(sizes)]
    lines += [f"| {name} | " + " | ".join(str(counts[k].get(name, 0)) for k in sizes) + " |"
              for name in pipeline.passes]
    if examples:
        lines += ["", "First changes: " + "; ".join(examples) + "."]
    lines += ["", _furniture_check(quick)]
    return "\n".join(lines) + "\n"


NEWS = "People's Daily"


def _furniture_check(quick: bool) -> str:
    """How many lines of clean text, read as one long document, page furniture detection takes
    for page numbers or running heads (every one would be removed: 0 is the target)."""
    from cleaner.passes.rejoin.furniture import page_furniture
    arts = articles(400 if quick else None)
    news = "\n\n".join("\n\n".join(a) for a in arts)
    law = "\n\n".join(t for chapter in lawtext.chapters() for _, t in chapter)
    found = {name: sorted(page_furniture(text) | page_furniture(text.replace("\n\n", "\n")))
             for name, text in ((NEWS, news), ("Criminal Law", law))}
    return ("Page furniture found in clean text read as one document, with and without its blank lines "
            f"(`furniture.page_furniture`; every line found would be removed): People's Daily "
            f"({len(news):,} characters, {len(arts):,} articles, their rubrics and numbered parts included) "
            f"{len(found[NEWS])}, Criminal Law ({len(law):,} characters) {len(found['Criminal Law'])}"
            + (": " + ", ".join(f"`{x}`" for v in found.values() for x in v[:8]) if any(found.values()) else "") + ".")


def no_blank_lines(text: str) -> str:
    """``text`` with its blank lines removed: the output of an OCR engine or a PDF extractor
    that writes no blank line between paragraphs (a form feed between pages is kept)."""
    return regex.sub(r"\n[^\S\n\f]*(?:\n[^\S\n\f]*)+", "\n", text)


def _without_blank_lines(pages: list[DevPage], pipeline: cleaner.Pipeline) -> list[str]:
    """CER and exact paragraphs of raw OCR, the naive baseline and the cleaner on the pages'
    text with its blank lines removed, beside the cleaner on the text as Tesseract wrote it."""
    rows = ["### The same pages without blank lines", "",
            "Tesseract sets a blank line between the paragraphs it finds; many engines and PDF "
            "extractors set none. The pages' OCR text with its blank lines removed "
            "(`ocrdev_bench.no_blank_lines`), scored the same way; the last column is the cleaner on "
            "the text as Tesseract wrote it (the tables above).", "",
            "| layout | raw OCR | naive baseline | cleaner | cleaner, with the blank lines |",
            "| --- | --- | --- | --- | --- |"]
    for layout in LAYOUTS:
        chosen = [p for p in pages if p.spec.layout == layout]
        if not chosen:
            continue
        cells = []
        for fn in (no_blank_lines, lambda t: naive(no_blank_lines(t)), lambda t: pipeline(no_blank_lines(t)),
                   pipeline):
            got = total(score(fn(p.ocr), p.gold) for p in chosen)
            cells.append(f"{100 * got.cer:.2f} % CER, {got.exact_rate:.3f} exact ({got.exact} of {got.paragraphs})")
        rows.append(f"| {layout} | " + " | ".join(cells) + " |")
    return rows + [""]


def run_reports(quick: bool = False) -> str:
    """The breakdown on reports of several pages (:mod:`benchmarks.ocrreport`): page numbers,
    running heads and paragraphs cut by page breaks, with and without blank lines; on the
    reports studied while page furniture was built, and on the check reports (other seeds)."""
    from benchmarks.ocrreport import CHECK, NAME
    count = 4 if quick else 10
    head = ["## OCR reports of several pages: page numbers, running heads, paragraphs cut by a page break", "",
            "Reports of two or three A4 pages (`python -m benchmarks.ocrreport`, `--check`): one column, indented "
            "paragraphs, a running head on every page after the first and a page number at each page's foot, half "
            "of them degraded; Tesseract reads each page and the pages' texts are joined by form feeds. The gold "
            "leaves the page numbers and running heads out. Scored as the development set. The first set was "
            "studied while page furniture was built; the check set (other seeds: stories, fonts, degradations) "
            "was looked at only for the faults its figures showed.", ""]
    return "\n".join(head + _report_section(NAME, "reports studied", count, quick)
                     + _report_section(CHECK, "check reports, looked at only for the faults their figures showed", count, quick))


def _report_section(name: str, title: str, count: int, quick: bool) -> list[str]:
    from benchmarks.ocrreport import cut_paragraphs, reports
    docs = reports(count, name=name)
    cuts = cut_paragraphs(count, name=name)
    pipeline = cleaner.Pipeline()
    results = _results(docs, pipeline)
    pages = sum(d.ocr.count("\f") + 1 for d in docs)
    lines = _section(f"{title} ({pages} pages, {sum(len(chr(10).join(d.gold)) for d in docs):,} gold characters)",
                     docs, results, list(range(len(docs))))
    lines[0] = lines[0].replace(f": {len(docs)} pages", f": {len(docs)} reports")
    # A cut is read when OCR got the 6 characters on each side of it right (folded): then whether
    # the 12 stand in one output paragraph tells whether the break was joined.
    read_cuts = {d.spec.id: [(p, at) for p, at in cuts[d.spec.id]
                             if all(half in _fold(d.ocr) for half in _halves(p, at))] for d in docs}
    total_cut, total_read = sum(len(v) for v in cuts.values()), sum(len(v) for v in read_cuts.values())
    rows = [f"Of the {total_cut} paragraphs a page break cut, {total_read} have the 6 characters on each side of "
            "the break read right by OCR; *joined* counts those whose 12 characters stand together in one output "
            "paragraph, *exact* the cut paragraphs restored exactly (OCR errors inside them included).", "",
            "| text | cut paragraphs joined across the break | exact | blank lines removed: joined | exact |",
            "| --- | --- | --- | --- | --- |"]
    final = [k for k in results[0] if k.startswith("cleaner:")][-1]
    variants = {"raw OCR": lambda t: t, "naive baseline": naive, final: pipeline}
    for row, fn in variants.items():
        cells = []
        for text_of in (lambda d: d.ocr, lambda d: no_blank_lines(d.ocr)):
            joined = exact = 0
            for d in docs:
                out = fn(text_of(d))
                paragraphs = [_fold(p) for p in split_paragraphs(out)]
                joined += sum(any(_around(p, at) in q for q in paragraphs) for p, at in read_cuts[d.spec.id])
                exact += exact_of(out, [p for p, _ in cuts[d.spec.id]])
            cells += [f"{joined} of {total_read}", f"{exact} of {total_cut}"]
        rows.append(f"| {row} | " + " | ".join(cells) + " |")
    lines += rows + [""]
    flat_rows = []
    for row, fn in variants.items():
        got = total(score(fn(no_blank_lines(d.ocr)), d.gold) for d in docs)
        flat_rows.append(f"| {row} | {100 * got.cer:.2f} | {got.exact_rate:.3f} ({got.exact} of {got.paragraphs}) |")
    lines += ["Blank lines removed:", "", "| text | CER % | exact |", "| --- | --- | --- |", *flat_rows, ""]
    return lines


def _halves(paragraph: str, at: int) -> tuple[str, str]:
    """The 6 characters (folded) on each side of offset ``at`` of ``paragraph``."""
    return _fold(paragraph[max(0, at - 6):at]), _fold(paragraph[at:at + 6])


def _around(paragraph: str, at: int) -> str:
    """The 12 characters (folded) around offset ``at`` of ``paragraph``."""
    return "".join(_halves(paragraph, at))


def _by_psm(pages: list[DevPage], results: Results) -> list[str]:
    """CER of raw OCR, the naive baseline and the cleaner by layout and page segmentation mode,
    with the median page (a few pages Tesseract misreads badly weigh on the sums)."""
    rows = ["### By page segmentation mode (CER %, all pages / median page)", "",
            "| layout | psm | pages | raw OCR | naive baseline | cleaner |", "| --- | --- | --- | --- | --- | --- |"]
    final = [k for k in results[0] if k.startswith("cleaner:")][-1]
    for layout in LAYOUTS:
        for psm in (3, 1):
            chosen = [n for n, p in enumerate(pages) if p.spec.layout == layout and p.spec.psm == psm]
            if not chosen:
                continue
            cells = []
            for name in ("raw OCR", "naive baseline", final):
                got = [results[n][name][0] for n in chosen]
                cers = sorted(s.cer for s in got)
                cells.append(f"{100 * total(got).cer:.2f} / {100 * cers[len(cers) // 2]:.2f}" if got else "-")
            rows.append(f"| {layout} | {psm} | {len(chosen)} | " + " | ".join(cells) + " |")
    return rows


def _intro(pages: list[DevPage]) -> str:
    chars = sum(len("\n".join(p.gold)) for p in pages)
    psm = Counter(p.spec.psm for p in pages)
    fonts = ", ".join(sorted({p.spec.font for p in pages}))
    import datetime
    return (f"Run on {datetime.date.today().isoformat()}. {len(pages)} generated A4 pages ({chars:,} gold characters; `benchmarks/ocrdev.py`): People's "
            "Daily 1998 and the Criminal Law of the PRC (the `legal-documents-cn` wheel, MIT), typeset with "
            f"{fonts}; read by Tesseract `chi_sim` with `--psm 3` ({psm[3]} pages) and `--psm 1` ({psm[1]}). "
            "Scored by `cleaner.score` (the scorer of `cleaner score`): CER counts a paragraph break as one "
            "character; *residual* is the error left after NFKC with all white space removed, so *layout* "
            "(CER minus residual) is what spaces, breaks and mark widths cost; *exact of readable* counts "
            "only the gold paragraphs whose characters OCR read correctly. The kinds split the error mass "
            "as a share of all gold characters (they add up to the CER). Rows `cleaner: + pass` add the "
            "passes in order; the last is the default pipeline. `cleaner score benchmarks/data/ocrdev/"
            f"{VERSION}/gold benchmarks/data/ocrdev/{VERSION}/raw --passes` gives the same figures over all pages.")


if __name__ == "__main__":
    from benchmarks.args import parse

    parse(__doc__)
    print(run())
