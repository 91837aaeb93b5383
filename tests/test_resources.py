"""Dictionary loading and the one cache helper: a set of files read once, columns checked by kind."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from cleaner.errors import DictionaryError
from cleaner.resources import DictionarySet, cache_dir, cached

COLUMNS = {"typos": (2, 2), "terms": (1, 2)}


def _write(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_a_set_groups_tables_by_kind_and_digests_every_file(tmp_path: Path) -> None:
    mine = _write(tmp_path, "mine.tsv", "# Format: terms, one entry a line: term\n青山绿水工程\n")
    one = DictionarySet.read({"typos": ["typos.tsv"]}, [mine], COLUMNS)
    tables = one.tables()
    assert [t.kind for t in tables["typos"]] == ["typos"] and tables["terms"][0].rows[0][1] == ["青山绿水工程"]
    Path(mine).write_text("# Format: terms, one entry a line: term\n绿水青山工程\n", encoding="utf-8")
    assert DictionarySet.read({"typos": ["typos.tsv"]}, [mine], COLUMNS).digest != one.digest


@pytest.mark.parametrize("body,problem", [
    ("# Format: colours\n红\t1\n", "unknown dictionary kind 'colours'"),
    ("# Format: typos, one entry a line: wrong<TAB>right\n一\t二\t三\n", "expected 2 tab-separated columns, found 3"),
    ("# Format: terms\n\t100\n", "empty column"),
])
def test_a_bad_file_is_named_with_its_line(tmp_path: Path, body: str, problem: str) -> None:
    path = _write(tmp_path, "bad.tsv", body)
    with pytest.raises(DictionaryError) as info:
        DictionarySet.read({}, [path], COLUMNS).tables()
    assert problem in str(info.value) and "bad.tsv" in str(info.value)


def test_a_missing_file_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError) as info:
        DictionarySet.read({}, [str(tmp_path / "nowhere.tsv")], COLUMNS)
    assert "cannot read" in str(info.value)


def test_cached_builds_once_and_rebuilds_a_damaged_cache() -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    key = uuid.uuid4().hex  # never a file an earlier run left
    assert cached("test", key, build, dict) == {"a": 1}
    assert cached("test", key, build, dict) == {"a": 1} and len(calls) == 1
    (cache_dir() / f"test-{key}.marshal").write_bytes(b"not marshal data")
    assert cached("test", key, build, dict) == {"a": 1} and len(calls) == 2
