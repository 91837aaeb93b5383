"""``cleaner corpus IN OUT``: a folder or a JSONL file, on every core."""

from __future__ import annotations

from typing import Sequence

import click

from .options import build_config, check_dictionaries, limit_option, pipeline_options

CORPUS_EPILOG = """\b
Examples:
  cleaner corpus scans/ cleaned/                 every .txt/.jsonl(.gz) under scans/, all cores
  cleaner corpus pages.jsonl clean.jsonl --jobs 2
  cleaner corpus in/ out/ --dedup-corpus         also drop paragraphs repeated across documents
  cleaner corpus in/ out/ --engine ray --address ray://head:10001

\b
OUT mirrors IN. Finished files are skipped on a re-run (--force redoes them); a file
is written under a temporary name and renamed when complete. The argument 'corpus'
always names this command: clean a file called corpus with 'cleaner ./corpus'.
"""


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
               epilog=CORPUS_EPILOG)
@click.argument("src", metavar="IN", type=click.Path())
@click.argument("dst", metavar="OUT", type=click.Path())
@pipeline_options
@limit_option
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--force", is_flag=True, help="Clean files whose output already exists.")
@click.option("--dedup-corpus", is_flag=True, help="Remove paragraphs repeated across documents (first kept).")
@click.option("--field", default="text", show_default=True, help="The field of JSON records to clean.")
@click.option("--on-error", type=click.Choice(["pass", "fail"]), default="pass", show_default=True,
              help="Pass a bad JSON record through untouched (reported), or stop.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Process pool on this machine, or a Ray cluster (pip install 'cleaner[ray]').")
@click.option("--address", default=None, metavar="ADDR",
              help="With --engine ray: the cluster to join [default: $RAY_ADDRESS, or a local one].")
def corpus_cli(src: str, dst: str, only: str | None, skip: str | None, config_path: str | None,
               paragraph_sep: str | None, convert_config: str | None, punctuation_style: str | None,
               dicts: Sequence[str], max_document_bytes: int | None, max_document_lines: int | None,
               jobs: int | None, force: bool,
               dedup_corpus: bool, field: str, on_error: str, engine: str, address: str | None) -> int:
    """Clean a corpus: a folder of .txt/.jsonl files (recursive, .gz allowed) or one
    JSONL file, into OUT, with the same pipeline and options as the filter."""
    from ..corpus import Progress, run_corpus
    config = build_config(only, skip, config_path, paragraph_sep, convert_config, punctuation_style, dicts,
                          max_document_bytes, max_document_lines)
    check_dictionaries(config)
    summary = run_corpus(src, dst, config, jobs=jobs, force=force, dedup=dedup_corpus, field=field,
                         on_error=on_error, engine=engine, address=address,
                         progress=Progress() if engine == "local" else None)
    for message in summary.errors:
        click.echo(f"cleaner: {message} (passed through unchanged)", err=True)
    click.echo(f"cleaner corpus: {summary.render()}", err=True)
    return 1 if summary.failed else 0
