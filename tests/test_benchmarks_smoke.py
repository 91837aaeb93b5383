"""A tiny smoke run of the benchmark scoring code: no network, no Tesseract, no timing."""

from __future__ import annotations

import random

from benchmarks import ocr, rejoin_bench


def test_ocr_score_counts_paragraph_breaks_and_exact_paragraphs() -> None:
    ref = ["第一段。", "第二段。"]
    assert ocr.score("第一段。\n\n第二段。\n", ref) == (0, 9, 2)
    distance, length, exact = ocr.score("第一\n段。\n\n第二段。\n", ref)
    assert (distance, length, exact) == (1, 9, 1)


def test_cleaning_a_wrapped_page_scores_better_than_the_raw_text() -> None:
    ref = ["新华社北京1月1日电今天是元旦，首都各界人士举行新年茶话会，共同迎接新年的到来。",
           "他说，过去的一年是我国改革开放和现代化建设取得重大成就的一年。"]
    page = "\n\n".join("\n".join(rejoin_bench._wrap(p, 12)) for p in ref) + "\n"
    import cleaner
    raw = ocr.score(page, ref)
    cleaned = ocr.score(cleaner.clean(page), ref)
    assert cleaned[0] < raw[0] and cleaned[2] == 2


def test_synthetic_layout_keeps_the_truth() -> None:
    arts = [["标题一", "第一篇文章的第一段很长很长，" * 5 + "结束。", "第二段。"],
            ["标题二", "第二篇文章的正文段落，" * 6 + "完。"]]
    truth, blocks = rejoin_bench.make_document(arts, random.Random(1))
    # The layout only wraps, cuts and moves text: every character is there once.
    assert sorted("".join("".join(b) for b in blocks)) == sorted("".join(truth))
    assert truth[0] == "标题一"


def test_typos_real_scores_sentences_and_characters() -> None:
    from benchmarks.typos_real import score_pairs
    pairs = [("我门走了", "我们走了"), ("已经来了", "已经来了"), ("他门说", "他们说")]
    fixes = {"我门走了": "我们走了", "他门说": "他门讲", "已经来了": "己经来了"}
    s = score_pairs(pairs, lambda t: fixes.get(t, t))
    r = s.row()
    assert (s.erroneous, s.correct, s.err_exact, s.ok_changed) == (2, 3, 1, 1)
    assert r["exact of changed"] == 1 / 3          # one exact fix among three changed sentences
    assert r["fixed exactly"] == 0.5 and r["correct changed"] == 1 / 3
    assert (s.errors, s.detected, s.detected_true, s.corrected_true) == (2, 2, 1, 1)


def test_naive_baseline_rules() -> None:
    from benchmarks.naive import naive
    # must change: marks beside Han, spaces between Han and digits, lines that do not end a sentence
    assert naive("据统计,共有1 9 9 8\n年的 数据(见表)。") == "据统计，共有1 9 9 8年的数据（见表）。"
    assert naive("第一段没有结束\n\n而是在这里结束。\n第二段。") == "第一段没有结束而是在这里结束。\n第二段。"
    # must not change: Latin text, spaces between Latin words, a paragraph that ends
    assert naive("He said: yes, it works (mostly).") == "He said: yes, it works (mostly)."
    assert naive("Kofi Annan说。") == "Kofi Annan说。"


def test_law_text_helpers() -> None:
    from benchmarks.lawtext import full_width, numeral
    assert [numeral(n) for n in (1, 10, 11, 20, 101, 110, 232, 452)] == [
        "一", "十", "十一", "二十", "一百零一", "一百一十", "二百三十二", "四百五十二"]
    assert full_width("处刑;法律(见前款),不得") == "处刑；法律（见前款），不得"
    assert full_width("http://www.npc.gov.cn;1,000") == "http://www.npc.gov.cn;1,000"


def test_dev_set_measures_on_a_made_up_page() -> None:
    from benchmarks.ocrdev import DevPage, specs
    from benchmarks.ocrdev_bench import exact_of, lost, readable
    gold = ["第一段文字，说明情况。", "第二段，还有很多。"]
    page = DevPage(specs(1)[0], "第一段文字, 说明\n情况。\n\n第二段，还有", gold)
    assert readable(page) == ["第一段文字，说明情况。"]  # width and spaces do not count, lost text does
    assert lost(page) == 3 / 20  # 很, 多 and one 。 of 20 characters
    assert exact_of("第一段文字，说明情况。\n\n第二段，还有很多。", gold) == 2
    assert exact_of("第一段文字，说明情况。第二段，还有很多。", gold) == 0


def test_fuzz_search_is_reproducible_and_ddmin_keeps_the_failure() -> None:
    from benchmarks import fuzz
    assert fuzz.generate(3, 5) == fuzz.generate(3, 5) != fuzz.generate(3, 6)
    tried, counts, _ = fuzz.search(6, seed=1, chunk=3)
    assert tried == 6 and all(n <= 6 for n in counts.values())
    assert fuzz.ddmin("xxAxxBxx", lambda t: "A" in t and "B" in t) == "AB"
    assert fuzz.ddmin("abc", lambda t: False) == "abc"


def test_page_fuzz_is_reproducible_and_reports(tmp_path) -> None:
    from benchmarks import pagefuzz
    (tmp_path / "a.txt").write_text("第一行文字，\n说明情况。\n\n本报北京1月2日电\n记者 王某\n" * 3, encoding="utf-8")
    (tmp_path / "b.txt").write_text("另一页的一行\n\n又一行。\n", encoding="utf-8")
    pages = pagefuzz.load(tmp_path)
    assert len(pages) == 2
    texts = [pagefuzz.mutated(pages, 7, i) for i in range(20)]
    assert texts == [pagefuzz.mutated(pages, 7, i) for i in range(20)] and len(set(texts)) > 1
    assert pagefuzz.run(tmp_path, 3, seed=7).startswith("3 mutated stretches of 2 pages (seed 7)")


def test_hostile_shapes() -> None:
    from benchmarks.hostile import nested, one_char_lines, repeated_paragraph
    assert one_char_lines(400) == "字\n" * 100
    assert nested(48) == "《“（【《“（【文字】）”》】）”》\n"
    text = repeated_paragraph(20_000)
    paras = text.strip("\n").split("\n\n")
    assert len(paras) > 10 and len(set(paras)) == 1


def test_a_benchmark_run_alone_takes_only_its_options() -> None:
    # An option a module does not take is a usage error, not a full run with it ignored
    # (``python -m benchmarks.stream --help`` used to run the whole benchmark).
    import pytest

    from benchmarks.args import QUICK, parse
    assert parse("Doc.", [], flags={"quick": QUICK}).quick is False
    assert parse("Doc.", ["--sizes", "4,16"], values={"sizes": "MB"}).sizes == "4,16"
    with pytest.raises(SystemExit) as exit_:
        parse("Doc.", ["--sizes", "4"], flags={"quick": QUICK})
    assert exit_.value.code == 2


def test_help_of_a_benchmark_module_runs_nothing() -> None:
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "benchmarks.stream", "--help"], cwd=root, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0
    assert "--sizes" in proc.stdout and "| document |" not in proc.stdout


def test_speed_reads_the_ocr_pages_where_they_are_built(tmp_path, monkeypatch) -> None:
    from benchmarks import ocrdev, speed
    monkeypatch.setattr(ocrdev, "OUT", tmp_path)
    assert speed.ocr_pages() == []  # not built: the table is left out, and the report says how to build it
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "v2-01.txt").write_text("第二页\n", encoding="utf-8")
    (tmp_path / "raw" / "v2-00.txt").write_text("第一页\n", encoding="utf-8")
    assert speed.ocr_pages() == ["第一页\n", "第二页\n"]  # one document a page, in page order
