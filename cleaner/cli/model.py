"""``cleaner model build CORPUS... -o FILE``: a character n-gram model from the user's clean text."""

from __future__ import annotations

import os
import sys
from typing import Iterator, Sequence

import click

from ..errors import DataError
from .options import decode

MODEL_EPILOG = """\b
Examples:
  cleaner model build clean/*.txt -o my.lm       count the characters of clean text
  cleaner --dict my.lm --config ctx.toml in.txt  the typos pass scores look-alikes with it

\b
The text must be clean (proofread): the model learns what text of that kind looks
like, so errors it has seen make it trust them. Pairs and triples seen fewer than
--min-count times are dropped. The model scores the look-alikes of the typos pass's
context layer (turn it on with context = true in the [typos] table of the config).
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def model_cli() -> None:
    """Build a character model for the typos pass."""


@model_cli.command("build", epilog=MODEL_EPILOG)
@click.argument("corpus", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The model file to write.")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="Pairs and triples seen fewer times are dropped.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the corpus files.")
def build_cli(corpus: Sequence[str], output: str, min_count: int, encoding: str) -> int:
    """Count the characters, pairs and triples of the Han text of CORPUS (files, '-' for stdin)."""
    from ..passes.typos import ngram
    grams = ngram.count(_lines(corpus, encoding), min_count)
    names = ", ".join(os.path.basename(c) for c in corpus[:3]) + (" ..." if len(corpus) > 3 else "")
    data = ngram.dump(grams, names)
    try:
        with open(output, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise DataError(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"cleaner model: {ngram.han_count(grams):,} Han characters; "
               f"{' / '.join(f'{len(g):,}' for g in grams)} entries of orders 1-3; "
               f"{len(data) / 1e6:.1f} MB written to {output}", err=True)
    return 0


def _lines(paths: Sequence[str], encoding: str) -> Iterator[str]:
    for path in paths:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            try:
                with open(path, "rb") as f:
                    raw = f.read()
            except OSError as exc:
                raise DataError(f"cannot read {path}: {exc.strerror}") from None
        yield from decode(raw, encoding, path).splitlines()
