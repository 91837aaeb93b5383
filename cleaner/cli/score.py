"""``cleaner score GOLD OUT``: how far a text is from its gold, by kind of error.

Two modes:

* ``cleaner score GOLD OUT`` scores text you already have (the cleaner's
  output, or any tool's) against the gold.
* ``cleaner score GOLD RAW --passes`` takes the uncleaned input instead,
  cleans it here one pass at a time (with the pipeline the usual options
  choose) and scores the input and the text after each pass, so you see which
  pass helps on your material.

GOLD and OUT are two files, or two folders whose ``.txt`` files (recursively)
are paired by their path inside the folder; a gold file without a partner is
an error. Scores are summed over the pairs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import click

from ..errors import DataError
from ..pipeline import Pipeline
from ..score import KINDS, Score, score, stages, total
from .options import build_config, check_encoding, decode, pipeline_options, read_input

SCORE_EPILOG = """\b
Examples:
  cleaner score gold.txt clean.txt              score an output against its gold
  cleaner score gold/ cleaned/                  folders: .txt files paired by path
  cleaner score gold/ scans/ --passes           clean scans/ pass by pass, score each stage
  cleaner score gold/ scans/ --passes --skip typos --json

\b
CER counts a paragraph break as one character. exact: reference paragraphs
restored character for character. residual: the error left when white space
and character widths are ignored (only typo fixes, removed copies and
restored order lower it). The kinds split the error mass, as a share of the
gold's characters; they add up to the CER:
  spaces, punct(uation), breaks (line and paragraph breaks), chars (character
  confusions), dups (text printed twice), order (text out of reading order).
Exit codes: 0 scored; 1 unreadable or unpaired files; 2 usage error.
"""


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
               epilog=SCORE_EPILOG)
@click.argument("gold", type=click.Path(exists=True))
@click.argument("out", metavar="OUT", type=click.Path(exists=True))
@click.option("--passes", "by_pass", is_flag=True,
              help="OUT is the raw input: clean it pass by pass and score every stage.")
@pipeline_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (totals and per-file scores) instead of a table.")
@click.option("--encoding", default="utf-8", show_default=True, callback=check_encoding,
              help="Encoding of both sides' files.")
def score_cli(gold: str, out: str, by_pass: bool, only: str | None, skip: str | None,
              config_path: str | None, paragraph_sep: str | None, convert_config: str | None,
              punctuation_style: str | None, dicts: Sequence[str], as_json: bool, encoding: str) -> int:
    """Score OUT against GOLD (files or folders): CER, paragraphs restored
    exactly, and the error split into spaces, punctuation, breaks, characters,
    duplicates and reading order. With --passes, OUT is the uncleaned input and
    every pass is scored in turn."""
    pairs = pair_files(Path(gold), Path(out))
    pipeline = Pipeline.from_config(build_config(only, skip, config_path, paragraph_sep, convert_config,
                                                 punctuation_style, dicts)) if by_pass else None
    names = ["input", *pipeline.passes] if pipeline else ["output"]
    per_stage: dict[str, dict[str, Score]] = {}
    for name, gold_path, out_path in pairs:
        reference = _read(gold_path, encoding)
        text = _read(out_path, encoding)
        for stage, stage_text in (stages(text, pipeline) if pipeline else [("output", text)]):
            per_stage.setdefault(stage, {})[name] = score(stage_text, reference)
    names = [n for n in names if n in per_stage] + [n for n in per_stage if n not in names]
    if as_json:
        click.echo(json.dumps({"stages": [{"stage": n, "total": total(per_stage[n].values()).to_dict(),
                                           "files": {f: s.to_dict() for f, s in per_stage[n].items()}}
                                          for n in names]}, ensure_ascii=False, indent=1))
    elif pipeline is None and len(pairs) > 1:
        scores = per_stage["output"]
        click.echo(render([(f, s) for f, s in scores.items()] + [("total", total(scores.values()))], "file"))
    else:
        rows = [(n if n in ("input", "output", "layout") else f"+{n}", total(per_stage[n].values()))
                for n in names]
        click.echo(render(rows, "stage"))
    return 0


def render(rows: list[tuple[str, Score]], first: str) -> str:
    """A plain table: one row per stage or file; rates in per cent.

    >>> print(render([("output", score("甲,乙", "甲，乙"))], "stage"))
    stage   length  CER %  exact  residual %  spaces  punct  breaks  chars  dups  order
    output       3  33.33    0/1        0.00    0.00  33.33    0.00   0.00  0.00   0.00
    """
    head = [first, "length", "CER %", "exact", "residual %", "spaces", "punct", "breaks", "chars", "dups", "order"]
    body = [[name, str(s.length), f"{100 * s.cer:.2f}", f"{s.exact}/{s.paragraphs}",
             f"{100 * s.residual_rate:.2f}", *(f"{100 * s.share(k):.2f}" for k in KINDS)] for name, s in rows]
    widths = [max(len(r[c]) for r in [head, *body]) for c in range(len(head))]
    return "\n".join("  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])])
                     for r in [head, *body])


def pair_files(gold: Path, out: Path) -> list[tuple[str, Path, Path]]:
    """(name, gold file, output file) pairs: two files, or two folders' ``.txt`` files by path."""
    if gold.is_dir() != out.is_dir():
        raise click.UsageError("GOLD and OUT must both be files or both be folders")
    if not gold.is_dir():
        return [(out.name, gold, out)]
    pairs, missing = [], []
    for path in sorted(gold.rglob("*.txt")):
        rel = path.relative_to(gold)
        partner = out / rel
        if partner.is_file():
            pairs.append((rel.as_posix(), path, partner))
        else:
            missing.append(rel.as_posix())
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise DataError(f"{out}: no file for {shown} (files are paired by their path under the folder)")
    if not pairs:
        raise DataError(f"{gold}: no .txt files to score")
    return pairs


def _read(path: Path, encoding: str) -> str:
    return decode(read_input(str(path)), encoding, str(path))
