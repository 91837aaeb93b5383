"""The ``cleaner`` command: I/O, options and exit codes; no cleaning logic.

Exit codes: 0 success, 1 bad data (undecodable input, malformed dictionary)
or ``--check`` found something to change, 2 usage error. No traceback
reaches the user (set ``CLEANER_DEBUG=1`` to see one); a closed pipe
(``cleaner big.txt | head``) ends the command quietly.
"""

from __future__ import annotations

import codecs
import difflib
import os
import sys
from typing import Any, BinaryIO, Callable, Sequence

import click

from . import __version__
from .edits import Edit
from .errors import CleanerError, ConfigError, DataError
from .pipeline import ORDER, Pipeline

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
  cleaner corpus in/ out/               a whole folder, on every core

\b
Passes, in default order: normalize, rejoin, dedup, punctuation, typos, convert.
A --config FILE.toml holds the same options as the Python API, e.g.:
  skip = ["typos"]
  [dedup]
  min_chars = 20
"""


def _split_names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    names = [n.strip() for n in value.split(",") if n.strip()]
    for n in names:
        if n not in ORDER:
            raise click.BadParameter(f"unknown pass {n!r}; passes are: {', '.join(ORDER)}")
    return names


def _read_config(path: str | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def decode(data: bytes, encoding: str, name: str) -> str:
    """Decode input bytes, or fail with a one-line message naming the offset.

    >>> decode(b"\\xef\\xbb\\xbfabc", "utf-8", "-")
    'abc'
    >>> decode(b"ab\\xff", "utf-8", "in.txt")
    Traceback (most recent call last):
    ...
    cleaner.errors.DataError: in.txt: not valid UTF-8: byte 0xff at offset 2; if the input uses another encoding, name it with --encoding (for example --encoding gb18030 or --encoding utf-16)
    """
    codec = codecs.lookup(encoding).name
    if codec == "utf-8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.end][:4].hex(" ")
        label = "UTF-8" if codec == "utf-8" else encoding
        hint = ("; if the input uses another encoding, name it with --encoding "
                "(for example --encoding gb18030 or --encoding utf-16)") if codec == "utf-8" else ""
        raise DataError(f"{name}: not valid {label}: byte 0x{bad} at offset {exc.start}{hint}") from None


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        with open(name, "rb") as f:
            return f.read()
    except IsADirectoryError:
        raise DataError(f"{name}: is a directory") from None
    except OSError as exc:
        raise DataError(f"cannot read {name}: {exc.strerror}") from None


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


def pipeline_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options that choose and configure the pipeline, shared by the filter and ``corpus``."""
    for option in reversed([
        click.option("--only", metavar="PASS,...", help="Run only these passes."),
        click.option("--skip", metavar="PASS,...", help="Run every pass but these."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE.toml",
                     help="Read pipeline options from a TOML file."),
        click.option("--paragraph-sep", type=click.Choice(["keep", "blank", "newline"]), default=None,
                     help="Separate paragraphs by a blank line or a line break [default: keep the input's]."),
        click.option("--convert", "convert_config", metavar="CONFIG",
                     help="OpenCC conversion, e.g. t2s, s2t, tw2sp, hk2s [default: none]."),
        click.option("--punctuation-style", type=click.Choice(["mainland", "traditional"]), default=None,
                     help="Quotation marks “” (mainland, GB/T 15834) or 「」 (traditional)."),
        click.option("--dict", "dicts", multiple=True, type=click.Path(dir_okay=False), metavar="PATH",
                     help="Add a dictionary file (repeatable; its header says its kind)."),
    ]):
        fn = option(fn)
    return fn


def build_config(only: str | None = None, skip: str | None = None, config_path: str | None = None,
                 paragraph_sep: str | None = None, convert_config: str | None = None,
                 punctuation_style: str | None = None, dicts: Sequence[str] = ()) -> dict[str, Any]:
    """The pipeline configuration the shared options describe (config file first, flags over it)."""
    config = _read_config(config_path)
    if only is not None:
        config.pop("passes", None)
        config["only"] = _split_names(only)
    if skip is not None:
        config["skip"] = _split_names(skip)
    if paragraph_sep is not None:
        config["paragraph_sep"] = paragraph_sep
    if convert_config is not None:
        config.setdefault("convert", {})["config"] = convert_config
    if punctuation_style is not None:
        config.setdefault("punctuation", {})["style"] = punctuation_style
    if dicts:
        typos = config.setdefault("typos", {})
        typos["dicts"] = list(typos.get("dicts", [])) + [os.path.abspath(d) for d in dicts]
    return config


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EPILOG,
)
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here instead of stdout ('-').")
@pipeline_options
@click.option("--encoding", default="utf-8", show_default=True, callback=_check_encoding,
              help="Input encoding, e.g. gb18030, utf-16. Output is always UTF-8.")
@click.option("--explain", is_flag=True, help="List every edit as JSON lines on stderr.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the text.")
@click.option("--check", is_flag=True, help="Print nothing; exit 1 if anything would change.")
@click.option("--removed", "removed_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write every block that dedup removed to FILE.")
@click.option("--suggest", is_flag=True,
              help="List typo candidates the typos pass did not dare to fix (JSON lines on stderr).")
@click.option("--jsonl", is_flag=True, help="Input is JSON lines: clean one field of each record.")
@click.option("--field", default="text", show_default=True, help="With --jsonl: the field to clean.")
@click.option("--edits-field", default=None, metavar="NAME",
              help="With --jsonl --explain: attach the edits to each record under NAME [default: edits].")
@click.option("--on-error", type=click.Choice(["pass", "fail"]), default="pass", show_default=True,
              help="With --jsonl: pass a bad record through untouched (reported), or stop.")
@click.version_option(__version__, "--version", prog_name="cleaner", message="%(prog)s %(version)s")
def cli(files: Sequence[str], output: str, only: str | None, skip: str | None,
        config_path: str | None, paragraph_sep: str | None, convert_config: str | None,
        punctuation_style: str | None, dicts: Sequence[str], encoding: str,
        explain: bool, show_diff: bool, check: bool, removed_path: str | None, suggest: bool,
        jsonl: bool, field: str, edits_field: str | None, on_error: str) -> int:
    """Clean OCR'd and PDF-extracted Chinese text: rejoin broken lines and
    paragraphs, remove duplicated passages, fix punctuation and known OCR
    typos. Reads FILES (or stdin, '-') and writes the cleaned text to stdout.
    For many documents (folders, JSON lines, every core) see 'cleaner corpus --help'.
    """
    config = build_config(only, skip, config_path, paragraph_sep, convert_config, punctuation_style, dicts)
    pipeline = Pipeline.from_config(config)
    names = list(files) or ["-"]
    if jsonl:
        return _jsonl(names, encoding, pipeline, output, field,
                      (edits_field or "edits") if explain else None, on_error)
    outputs: list[str] = []
    removed: list[str] = []
    changed: list[str] = []
    for name in names:
        text = decode(_read(name), encoding, name)
        result = pipeline.run(text)
        label = "<stdin>" if name == "-" else name
        if explain:
            _explain(result.edits, label if len(names) > 1 else None)
        if suggest and "typos" in pipeline.passes:
            _suggest(result.text, pipeline, label if len(names) > 1 else None)
        removed.extend(e.before for e in result.edits
                       if e.pass_name == "dedup" and e.is_removal and not e.reason.startswith("moved"))
        if result.changed:
            changed.append(label)
        if check:
            continue
        if show_diff:
            outputs.append("".join(difflib.unified_diff(
                text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                fromfile=label, tofile=f"{label} (cleaned)")))
        else:
            outputs.append(result.text)
    if removed_path is not None:
        with open(removed_path, "w", encoding="utf-8") as f:
            f.write("".join(block.strip("\n") + "\n\n" for block in removed))
    if check:
        for label in changed:
            click.echo(f"would change: {label}", err=True)
        return 1 if changed else 0
    _write(output, "".join(outputs))
    return 0


def _jsonl(names: list[str], encoding: str, pipeline: Pipeline, output: str, field: str,
           edits_field: str | None, on_error: str) -> int:
    """Stream JSON lines: one record in memory at a time, records split at ``\\n`` only."""
    import io

    from .corpus import Summary, clean_jsonl, clean_jsonl_bytes
    summary = Summary()
    utf8 = codecs.lookup(encoding).name == "utf-8"
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
    return 0


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
@click.argument("src", metavar="IN", type=click.Path(exists=True))
@click.argument("dst", metavar="OUT", type=click.Path())
@pipeline_options
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
               dicts: Sequence[str], jobs: int | None, force: bool, dedup_corpus: bool, field: str,
               on_error: str, engine: str, address: str | None) -> int:
    """Clean a corpus: a folder of .txt/.jsonl files (recursive, .gz allowed) or one
    JSONL file, into OUT, with the same pipeline and options as the filter."""
    from .corpus import Progress, run_corpus
    config = build_config(only, skip, config_path, paragraph_sep, convert_config, punctuation_style, dicts)
    summary = run_corpus(src, dst, config, jobs=jobs, force=force, dedup=dedup_corpus, field=field,
                         on_error=on_error, engine=engine, address=address,
                         progress=Progress() if engine == "local" else None)
    for message in summary.errors:
        click.echo(f"cleaner: {message} (passed through unchanged)", err=True)
    click.echo(f"cleaner corpus: {summary.render()}", err=True)
    return 0


def _suggest(text: str, pipeline: Pipeline, file_label: str | None) -> None:
    import json

    from .passes import typos
    for item in typos.suggest(text, pipeline.options["typos"]):
        if file_label is not None:
            item = {"file": file_label, **item}
        click.echo(json.dumps(item, ensure_ascii=False), err=True)


def _explain(edits: list[Edit], file_label: str | None) -> None:
    import json
    for e in edits:
        d = e.to_dict()
        if file_label is not None:
            d = {"file": file_label, **d}
        sys.stderr.write(json.dumps(d, ensure_ascii=False) + "\n")
    sys.stderr.flush()


def _write(output: str, text: str) -> None:
    data = text.encode("utf-8")
    if output == "-":
        stream: BinaryIO = sys.stdout.buffer
        stream.write(data)
        stream.flush()
    else:
        try:
            with open(output, "wb") as f:
                f.write(data)
        except OSError as exc:
            raise DataError(f"cannot write {output}: {exc.strerror}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (never raises).

    >>> main(["--version"])
    cleaner ...
    0
    """
    args = list(sys.argv[1:] if argv is None else argv)
    command, prog = (corpus_cli, "cleaner corpus") if args[:1] == ["corpus"] else (cli, "cleaner")
    if command is corpus_cli:
        args = args[1:]
    try:
        try:
            rv = command.main(args=args, prog_name=prog, standalone_mode=False)
        except click.exceptions.Exit as exc:  # --help, --version
            return exc.exit_code
        except click.UsageError as exc:
            exc.show()
            return 2
        except click.Abort:
            return 130
        except ConfigError as exc:
            click.echo(f"cleaner: {exc}", err=True)
            return 2
        except DataError as exc:
            click.echo(f"cleaner: {exc}", err=True)
            return 1
        except CleanerError as exc:
            click.echo(f"cleaner: {exc}", err=True)
            return 1
        except KeyboardInterrupt:
            return 130
        return int(rv or 0)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as exc:  # a bug: say so in one line, not a traceback
        if os.environ.get("CLEANER_DEBUG"):
            raise
        click.echo(f"cleaner: internal error: {type(exc).__name__}: {exc} "
                   f"(set CLEANER_DEBUG=1 for a traceback)", err=True)
        return 70


def _silence_stdout() -> None:
    # The reader went away: point stdout at /dev/null so that the interpreter's
    # final flush does not raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
