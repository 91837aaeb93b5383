"""The review page builder and its trace: data embedded, escaping, empty and unchanged documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.edits import Edit
from cleaner.pipeline import Pipeline, Result
from cleaner.review.page import chunk_runs, digest, document_data, render_page
from cleaner.review.trace import ANCHOR, KEPT, SOURCE, build, moves

from conftest import ROOT, SEEDS, seed_text

SEED_000 = str(ROOT / "seeds" / "000_811ec0b4d1a5f84a.txt")


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="cleaner-data">(.*?)</script>', page, re.S)
    assert m is not None
    return json.loads(m.group(1))


def test_trace_rebuilds_input_and_output(seed: str) -> None:
    result = Pipeline().run(seed)
    trace = build(result)
    assert "".join(t for t, ins, _ in trace.runs if ins == SOURCE) == seed
    assert trace.text() == result.text
    # every edit shows up in the stream, as inserted or deleted characters
    marked = {i for _, ins, dele in trace.runs for i in (ins, dele) if i >= 0}
    assert marked == set(range(len(result.edits)))


def test_character_level_spans_of_a_typo_and_a_mark() -> None:
    result = Pipeline(["punctuation", "typos"]).run("要求理论学习实在在,不走过场。\n")
    runs = [r for r in build(result).runs if (r[1], r[2]) != (SOURCE, KEPT)]
    passes = [result.edits[i].pass_name for _, ins, dele in runs for i in (ins, dele) if i >= 0]
    assert [t for t, _, _ in runs] == [",", "，", "实"] or [t for t, _, _ in runs] == ["实", ",", "，"]
    assert sorted(passes) == ["punctuation", "punctuation", "typos"]


def test_a_later_edit_inside_moved_text_depends_on_the_move() -> None:
    source = "甲乙丙。\n\n丁戊,己。\n"
    result = Result("", [
        Edit("p1", "move", 0, 0, "", "丁戊,己。\n\n", source_start=0, source_end=0),
        Edit("p1", "move", 4, 11, "\n\n丁戊,己。", "", source_start=4, source_end=11),
        Edit("p2", "mark", 2, 3, ",", "，", source_start=0, source_end=0),
    ], source)
    result = Result("丁戊，己。\n\n甲乙丙。\n", result.edits, source)
    trace = build(result)
    assert trace.text() == result.text
    assert trace.deps[2] == [0]
    assert moves(trace) == {0: 1, 1: 0}
    assert trace.text({0, 1}) == source


def test_page_embeds_the_edits_and_counts() -> None:
    text = seed_text("000")
    result = Pipeline().run(text)
    data = page_data(render_page([document_data("000.txt", text, result)]))
    [doc] = data["documents"]
    assert doc["sha256"] == digest(text) and doc["chars"] == len(text)
    assert len(doc["edits"]) == len(result.edits)
    assert [e["pass"] for e in doc["edits"]] == [e.pass_name for e in result.edits]
    assert sorted(doc["order"]) == list(range(len(result.edits)))
    kinds = {e["kind"] for e in doc["edits"]}
    assert {"moved-from", "moved-to", "removed"} <= kinds
    removed = [e for e in doc["edits"] if e["kind"] == "removed"]
    assert removed and all(e["orig"] is not None for e in removed)


def test_removed_block_links_to_the_paragraph_it_repeats() -> None:
    text = seed_text("000")
    doc = document_data("000.txt", text, Pipeline().run(text))
    [i] = [i for i, e in enumerate(doc["edits"]) if e["kind"] == "removed"]
    chunk = doc["chunks"][doc["edits"][i]["orig_chunk"]]
    at = [n for n, item in enumerate(chunk) if isinstance(item, list) and item[1] == ANCHOR and item[2] == i]
    assert at, "the anchor is in the chunk the edit points at"
    after = "".join(x if isinstance(x, str) else x[0] for x in chunk[at[0] + 1:])
    assert after.startswith("新华社南京11月8日电")  # the paragraph the reason names


def test_text_is_escaped_in_the_page() -> None:
    text = "a</script><script>alert(1)</script> & <b>\n"
    page = render_page([document_data("x<y>.txt", text, Pipeline().run(text))], title="x<y>&")
    assert "alert(1)</script>" not in page and "<b>" not in page.split("cleaner-data")[1]
    assert "<title>cleaner review" not in page and "<title>x&lt;y&gt;&amp;</title>" in page
    doc = page_data(page)["documents"][0]
    assert "".join(x if isinstance(x, str) else x[0] for c in doc["chunks"] for x in c if
                   isinstance(x, str) or x[2] == KEPT) == Pipeline().run(text).text
    assert doc["name"] == "x<y>.txt"


def test_empty_input() -> None:
    doc = document_data("empty.txt", "", Pipeline().run(""))
    assert doc["chunks"] == [] and doc["edits"] == [] and doc["chars"] == 0
    assert page_data(render_page([doc]))["documents"][0]["sha256"] == digest("")


def test_a_document_with_no_edits() -> None:
    text = "清洁的文字。\n"
    doc = document_data("clean.txt", text, Pipeline().run(text))
    assert doc["edits"] == [] and doc["order"] == [] and doc["chunks"] == [[text]]


def test_chunks_end_at_paragraph_breaks_and_stay_bounded() -> None:
    paras = "\n\n".join("段落" * 40 for _ in range(5))
    chunks = chunk_runs([(paras, SOURCE, KEPT)])
    assert len(chunks) == 5 and "".join(c[0] for c in chunks) == paras
    long_line = "字" * 50_000
    assert max(len(c[0]) for c in chunk_runs([(long_line, SOURCE, KEPT)])) <= 20_000


def test_review_command_writes_one_page(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["review", SEED_000, "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "<script src" not in page and "<link" not in page
    [doc] = page_data(page)["documents"]
    assert len(doc["edits"]) == len(Pipeline().run(seed_text("000")).edits)


def test_review_folder_and_jsonl_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SEEDS[:3]:
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["review", str(folder), "--limit", "2", "-o", str(out)]) == 0
    assert [Path(d["name"]).name for d in page_data(out.read_text())["documents"]] == [p.name for p in SEEDS[:2]]
    assert "1 more left out" in capsys.readouterr().err
    records = tmp_path / "in.jsonl"
    records.write_text("".join(json.dumps({"body": f"第{n}条,文字。"}, ensure_ascii=False) + "\n"
                               for n in range(4)), encoding="utf-8")
    assert main(["review", "--jsonl", "--field", "body", "--limit", "3", str(records), "-o", str(out)]) == 0
    docs = page_data(out.read_text())["documents"]
    assert [d["name"].rsplit(":", 1)[1] for d in docs] == ["1", "2", "3"]
    assert all(d["edits"][0]["pass"] == "punctuation" for d in docs)


def test_review_bad_jsonl_is_a_data_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text('{"text": "甲"}\n{"body": 1}\n', encoding="utf-8")
    assert main(["review", "--jsonl", str(records), "-o", str(tmp_path / "r.html")]) == 1
    assert "in.jsonl:2: no string field 'text'" in capsys.readouterr().err


def test_a_record_with_a_lone_surrogate_still_makes_a_page(tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text('{"text": "甲\\ud800乙,丙。"}\n', encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["review", "--jsonl", str(records), "-o", str(out)]) == 0
    [doc] = page_data(out.read_text(encoding="utf-8"))["documents"]
    assert "\ud800" in "".join(x if isinstance(x, str) else x[0] for c in doc["chunks"] for x in c)
