"""The filter: ``cleaner [FILES]`` cleans files or stdin and writes the text to stdout."""

from __future__ import annotations

import codecs
import difflib
import sys
from dataclasses import dataclass, field
from typing import BinaryIO, Sequence

import click

from .. import __version__
from ..edits import render_explain
from ..errors import DataError, DocumentTooLarge, PassError
from ..kernels import IMPLEMENTATION
from ..pipeline import Pipeline, Result
from .options import build_config, check_dictionaries, check_encoding, limit_option, pipeline_options
from ..review.plan import no_plan_with, plan_given, plan_option, replay_plan
from .stream import Document, Sink, documents

EPILOG = """\b
Examples:
  cleaner < page.txt > clean.txt        filter stdin to stdout
  cleaner a.txt b.txt -o out.txt        clean files, write one output
  cleaner --explain page.txt            also list every edit (JSON lines, stderr)
  cleaner --diff page.txt               show what would change, as a unified diff
  cleaner --check *.txt                 exit 1 if any file would change
  cleaner --only normalize,rejoin -     run chosen passes only
  cleaner --convert t2s big5.txt        also convert Traditional to Simplified
  cleaner --encoding gb18030 old.txt    read GB18030 input
  cleaner --jsonl --field body < in.jsonl > out.jsonl
                                        clean one field of JSON records
  cleaner --form-feed split book.txt | head
                                        pages (split at form feeds) cleaned and written one by one
  cleaner corpus in/ out/               a whole folder, on every core
  cleaner review page.txt -o r.html     review every edit in a browser; export a plan
  cleaner --plan plan.json page.txt     apply only the edits the review accepted
  cleaner model build clean.txt -o my.lm
                                        a character model for typos (then --dict my.lm)

\b
Passes, in default order: normalize, rejoin, dedup, punctuation, typos, convert.
Exit codes: 0 ok; 1 bad data, --check found changes, or a document written through
unchanged because a pass failed on it or it is over --max-document-bytes/-lines; 2 usage error.
A --config FILE.toml holds the same options as the Python API, e.g.:
  skip = ["typos"]
  [dedup]
  min_chars = 20
"""

#: The rules whose edits remove a block, which ``--removed`` writes.
_REMOVALS = ("dedup.removed.", "rejoin.furniture.removed")


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EPILOG,
)
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here instead of stdout ('-').")
@pipeline_options
@limit_option
@click.option("--encoding", default="utf-8", show_default=True, callback=check_encoding,
              help="Input encoding, e.g. gb18030, utf-16, or auto (detected). Output is always UTF-8.")
@click.option("--explain", is_flag=True, help="List every edit as JSON lines on stderr.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the text.")
@click.option("--check", is_flag=True, help="Print nothing; exit 1 if anything would change.")
@click.option("--removed", "removed_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write every block that dedup removed (repeats) or rejoin removed (page numbers, running heads) to FILE.")
@click.option("--suggest", is_flag=True,
              help="List typo candidates the typos pass did not dare to fix (JSON lines on stderr).")
@plan_option
@click.option("--jsonl", is_flag=True, help="Input is JSON lines: clean one field of each record.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to clean.")
@click.option("--edits-field", default=None, metavar="NAME",
              help="With --jsonl --explain: attach the edits to each record under NAME [default: edits].")
@click.option("--on-error", type=click.Choice(["pass", "fail"]), default="pass", show_default=True,
              help="With --jsonl: pass a bad record through untouched (reported), or stop.")
@click.option("--form-feed", type=click.Choice(["join", "split"]), default="join", show_default=True,
              help="A form feed (a PDF page break) is a line break inside one document (join), or separates "
                   "documents, each cleaned and written as it completes (split).")
@click.version_option(__version__, "--version", prog_name="cleaner",
                      message=f"%(prog)s %(version)s (word segmentation: {IMPLEMENTATION})")
def cli(files: Sequence[str], output: str, only: str | None, skip: str | None,
        config_path: str | None, paragraph_sep: str | None, convert_config: str | None,
        punctuation_style: str | None, dicts: Sequence[str], encoding: str,
        explain: bool, show_diff: bool, check: bool, removed_path: str | None, suggest: bool,
        jsonl: bool, field: str, edits_field: str | None, on_error: str, form_feed: str,
        max_document_bytes: int | None, max_document_lines: int | None) -> int:
    """Clean OCR'd and PDF-extracted Chinese text: rejoin broken lines and
    paragraphs, remove duplicated passages, fix punctuation and known OCR
    typos. Reads FILES (or stdin, '-') and writes the cleaned text to stdout.
    For many documents (folders, JSON lines, every core) see 'cleaner corpus --help'.
    """
    config = build_config(only, skip, config_path, paragraph_sep, convert_config, punctuation_style, dicts,
                          max_document_bytes, max_document_lines)
    check_dictionaries(config)
    pipeline = Pipeline.from_config(config)
    names = list(files) or ["-"]
    if jsonl:
        no_plan_with("--jsonl")
        _refuse_with_jsonl(check=check, diff=show_diff, removed=removed_path is not None, suggest=suggest)
        return _jsonl(names, encoding, pipeline, output, field,
                      (edits_field or "edits") if explain else None, on_error)
    show = _Show(explain, show_diff, check, removed_path is not None, suggest and "typos" in pipeline.passes,
                 many=len(names) > 1 or form_feed == "split")
    done = _Done()
    with Sink(None if check else output) as sink:
        for name in names:
            for doc in documents(name, encoding, split=form_feed == "split"):
                piece = _document(pipeline, doc, show, done)
                sink.write(piece if show.diff or doc.index == 0 else "\f" + piece)
    if removed_path is not None:
        with open(removed_path, "w", encoding="utf-8") as f:
            f.write("".join(block.strip("\n") + "\n\n" for block in done.removed))
    for message in done.failed:
        click.echo(f"cleaner: {message} (written through unchanged)", err=True)
    if check:
        for label in done.changed:
            click.echo(f"would change: {label}", err=True)
        return 1 if done.changed or done.failed else 0
    return 1 if done.failed else 0


@dataclass(frozen=True)
class _Show:
    """What the user asked to see besides the text."""

    explain: bool
    diff: bool
    check: bool
    removed: bool
    suggest: bool
    many: bool  # documents are labelled in --explain and --suggest output


@dataclass
class _Done:
    """What the documents so far gave: labels of those that changed, removed blocks, failures."""

    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _document(pipeline: Pipeline, doc: Document, show: _Show, done: _Done) -> str:
    """Clean one document; return what to write for it (its text, its diff, or nothing)."""
    text = doc.text
    label = doc.label
    result = replay_plan(_run(pipeline, doc, show, done), label)
    if show.explain:
        sys.stderr.write(render_explain(result.edits, label if show.many else None))
    if show.suggest:
        _suggest(result.text, pipeline, label if show.many else None)
    done.removed.extend(e.before for e in result.edits if (e.rule or "").startswith(_REMOVALS))
    if result.changed:
        done.changed.append(label)
    if show.check:
        return ""
    if show.diff:
        return "".join(difflib.unified_diff(
            text.splitlines(keepends=True), result.text.splitlines(keepends=True),
            fromfile=label, tofile=f"{label} (cleaned)"))
    return result.text


def _run(pipeline: Pipeline, doc: Document, show: _Show, done: _Done) -> Result:
    """The pipeline's result, or the document unchanged when it is too large or a pass fails on it."""
    try:
        return pipeline.run(doc.text, edits=show.explain or show.removed or plan_given())
    except (PassError, DocumentTooLarge) as exc:
        done.failed.append(f"{doc.label}: {exc}")
        return Result(doc.text, [], doc.text)


def _refuse_with_jsonl(**flags: bool) -> None:
    given = [f"--{name}" for name, on in flags.items() if on]
    if given:
        raise click.UsageError(f"{', '.join(given)} cannot be used with --jsonl (each record is cleaned "
                               "on its own: use --explain --edits-field NAME to see its edits)")


def _jsonl(names: list[str], encoding: str, pipeline: Pipeline, output: str, field: str,
           edits_field: str | None, on_error: str) -> int:
    """Stream JSON lines: one record in memory at a time, records split at ``\\n`` only."""
    import io

    from ..corpus import Summary, clean_jsonl, clean_jsonl_bytes
    summary = Summary()
    utf8 = encoding == "auto" or codecs.lookup(encoding).name == "utf-8"  # JSON lines: UTF-8 unless named
    try:
        out: BinaryIO = sys.stdout.buffer if output == "-" else open(output, "wb")
    except OSError as exc:
        raise DataError(f"cannot write {output}: {exc.strerror}") from None
    try:
        for name in names:
            label = "<stdin>" if name == "-" else name
            try:
                raw: BinaryIO = sys.stdin.buffer if name == "-" else open(name, "rb")
            except OSError as exc:
                raise DataError(f"cannot read {name}: {exc.strerror}") from None
            try:
                if utf8:
                    for line in clean_jsonl_bytes(raw, pipeline, field=field, edits_field=edits_field,
                                                  on_error=on_error, source=label, summary=summary):
                        out.write(line)
                else:
                    text = io.TextIOWrapper(raw, encoding=encoding, newline="\n")
                    try:
                        for s in clean_jsonl(text, pipeline, field=field, edits_field=edits_field,
                                             on_error=on_error, source=label, summary=summary):
                            out.write(s.encode("utf-8"))
                    except UnicodeDecodeError as exc:
                        raise DataError(f"{label}: not valid {encoding}: {exc.reason}") from None
                    text.detach()
            finally:
                if raw is not sys.stdin.buffer:
                    raw.close()
        out.flush()
    finally:
        if out is not sys.stdout.buffer:
            out.close()
        for message in summary.errors:
            click.echo(f"cleaner: {message} (passed through unchanged)", err=True)
    return 1 if summary.failed else 0


def _suggest(text: str, pipeline: Pipeline, file_label: str | None) -> None:
    import json

    from ..passes import typos
    for item in typos.suggest(text, pipeline.options["typos"]):
        if file_label is not None:
            item = {"file": file_label, **item}
        click.echo(json.dumps(item, ensure_ascii=False), err=True)

