"""``cleaner review IN -o review.html``: a page to review every edit, and decide which to keep."""

from __future__ import annotations

from typing import Sequence

import click

from .options import build_config, check_encoding, pipeline_options, write_output

REVIEW_EPILOG = """\b
Examples:
  cleaner review page.txt -o review.html        one document
  cleaner review scans/ -o review.html          the .txt files of a folder (--limit 20)
  cleaner review --jsonl pages.jsonl --field body --limit 50 -o review.html

\b
Open the page in a browser (it needs no network). Each edit is marked in its pass's
colour; hover or focus it for its rule, reason and score; n/p move to the next or
previous edit, r rejects it, a accepts it. "Export plan" saves plan.json, and
  cleaner --plan plan.json page.txt
applies exactly the edits you accepted.
"""


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
               epilog=REVIEW_EPILOG)
@click.argument("src", metavar="IN", type=click.Path(exists=True, allow_dash=True))
@click.option("-o", "--output", default="review.html", show_default=True, metavar="FILE",
              help="Write the page here ('-' for stdout).")
@pipeline_options
@click.option("--encoding", default="utf-8", show_default=True, callback=check_encoding,
              help="Input encoding, e.g. gb18030.")
@click.option("--jsonl", is_flag=True, help="IN is JSON lines: review one field of each record.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to review.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="At most this many documents (records of --jsonl, files of a folder).")
def review_cli(src: str, output: str, only: str | None, skip: str | None, config_path: str | None,
               paragraph_sep: str | None, convert_config: str | None, punctuation_style: str | None,
               dicts: Sequence[str], encoding: str, jsonl: bool, field: str, limit: int) -> int:
    """Write a self-contained HTML page showing every edit the cleaner makes on IN
    (a text file, a folder of .txt files, or with --jsonl a JSON lines file)."""
    from ..pipeline import Pipeline
    from ..review.inputs import load_documents
    from ..review.page import document_data, render_page
    config = build_config(only, skip, config_path, paragraph_sep, convert_config, punctuation_style, dicts)
    pipeline = Pipeline.from_config(config)
    docs, more = load_documents(src, jsonl=jsonl, field=field, limit=limit, encoding=encoding)
    data = [document_data(name, text, pipeline.run(text)) for name, text in docs]
    write_output(output, render_page(data, title=f"cleaner review: {src}"))
    edits = sum(len(doc["edits"]) for doc in data)
    note = f"; {more} more left out (--limit {limit})" if more else ""
    click.echo(f"cleaner review: {len(data)} document(s), {edits} edits{note} -> {output}", err=True)
    return 0
