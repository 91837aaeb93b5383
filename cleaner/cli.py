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
from typing import Any, BinaryIO, Sequence

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


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EPILOG,
)
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here instead of stdout ('-').")
@click.option("--only", metavar="PASS,...", help="Run only these passes.")
@click.option("--skip", metavar="PASS,...", help="Run every pass but these.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE.toml",
              help="Read pipeline options from a TOML file.")
@click.option("--paragraph-sep", type=click.Choice(["keep", "blank", "newline"]), default=None,
              help="Separate paragraphs by a blank line or a line break [default: keep the input's].")
@click.option("--encoding", default="utf-8", show_default=True, callback=_check_encoding,
              help="Input encoding, e.g. gb18030, utf-16. Output is always UTF-8.")
@click.option("--convert", "convert_config", metavar="CONFIG",
              help="OpenCC conversion, e.g. t2s, s2t, tw2sp, hk2s [default: none].")
@click.option("--punctuation-style", type=click.Choice(["mainland", "traditional"]), default=None,
              help="Quotation marks “” (mainland, GB/T 15834) or 「」 (traditional).")
@click.option("--dict", "dicts", multiple=True, type=click.Path(dir_okay=False), metavar="PATH",
              help="Add a dictionary file (repeatable; its header says its kind).")
@click.option("--explain", is_flag=True, help="List every edit as JSON lines on stderr.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of the text.")
@click.option("--check", is_flag=True, help="Print nothing; exit 1 if anything would change.")
@click.option("--removed", "removed_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write every block that dedup removed to FILE.")
@click.option("--suggest", is_flag=True,
              help="List typo candidates the typos pass did not dare to fix (JSON lines on stderr).")
@click.version_option(__version__, "--version", prog_name="cleaner", message="%(prog)s %(version)s")
def cli(files: Sequence[str], output: str, only: str | None, skip: str | None,
        config_path: str | None, paragraph_sep: str | None, encoding: str,
        convert_config: str | None, punctuation_style: str | None, dicts: Sequence[str],
        explain: bool, show_diff: bool, check: bool, removed_path: str | None, suggest: bool) -> int:
    """Clean OCR'd and PDF-extracted Chinese text: rejoin broken lines and
    paragraphs, remove duplicated passages, fix punctuation and known OCR
    typos. Reads FILES (or stdin, '-') and writes the cleaned text to stdout.
    """
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
        typos["dicts"] = list(typos.get("dicts", [])) + list(dicts)
    pipeline = Pipeline.from_config(config)

    names = list(files) or ["-"]
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
    try:
        try:
            rv = cli.main(args=args, prog_name="cleaner", standalone_mode=False)
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
