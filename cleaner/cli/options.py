"""What the commands share: pipeline options, the config file, reading, decoding and writing."""

from __future__ import annotations

import codecs
import os
import sys
from typing import Any, BinaryIO, Callable, Sequence

import click

from ..errors import ConfigError, DataError
from ..pipeline import ORDER


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


def decode(data: bytes, encoding: str, name: str, *, offset: int = 0, first: bool = True) -> str:
    """Decode input bytes, or fail with a one-line message naming the offset.

    ``offset`` is where ``data`` starts in the input (for the message); a UTF-8
    byte-order mark is dropped when ``first`` (the input's start).

    >>> decode(b"\\xef\\xbb\\xbfabc", "utf-8", "-")
    'abc'
    >>> decode(b"ab\\xff", "utf-8", "in.txt")
    Traceback (most recent call last):
    ...
    cleaner.errors.DataError: in.txt: not valid UTF-8: byte 0xff at offset 2; if the input uses another encoding, name it with --encoding (for example --encoding gb18030 or --encoding utf-16, or --encoding auto)
    """
    from .detect import hint, resolve_auto
    if encoding == "auto":
        encoding = resolve_auto(data, name)
    codec = codecs.lookup(encoding).name
    if codec == "utf-8":
        encoding = "utf-8-sig" if first else "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.end][:4].hex(" ")
        label = "UTF-8" if codec == "utf-8" else encoding
        more = hint(data) if codec == "utf-8" else ""
        raise DataError(f"{name}: not valid {label}: byte 0x{bad} at offset {offset + exc.start}{more}") from None


def open_input(name: str) -> BinaryIO:
    """A binary stream of the input ``name`` (``-``: stdin), or a :class:`DataError`."""
    if name == "-":
        return sys.stdin.buffer
    if os.path.isdir(name):
        raise DataError(f"{name}: is a directory")
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise DataError(f"{name}: no such file") from None
    except OSError as exc:
        raise DataError(f"cannot read {name}: {exc.strerror}") from None


def read_input(name: str) -> bytes:
    """All the bytes of the input ``name`` (``-``: stdin)."""
    stream = open_input(name)
    try:
        return stream.read()
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def check_encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == "auto":
        return value
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


def limit_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--max-document-bytes`` and ``--max-document-lines``, for the commands that clean
    documents and write them out."""
    for unit in ("lines", "bytes"):
        fn = click.option(f"--max-document-{unit}", type=click.IntRange(min=1), default=None, metavar="N",
                          help=f"Write a document (or record) of more than N {unit} through unchanged and "
                               "report it (exit 1) [default: no limit].")(fn)
    return fn


def build_config(only: str | None = None, skip: str | None = None, config_path: str | None = None,
                 paragraph_sep: str | None = None, convert_config: str | None = None,
                 punctuation_style: str | None = None, dicts: Sequence[str] = (),
                 max_document_bytes: int | None = None, max_document_lines: int | None = None) -> dict[str, Any]:
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
    if max_document_bytes is not None:
        config["max_document_bytes"] = max_document_bytes
    if max_document_lines is not None:
        config["max_document_lines"] = max_document_lines
    if dicts:
        typos = config.setdefault("typos", {})
        typos["dicts"] = list(typos.get("dicts", [])) + [os.path.abspath(d) for d in dicts]
    return config


def check_dictionaries(config: dict[str, Any]) -> None:
    """Read every ``--dict`` file now, whether or not ``typos`` runs: a malformed one is an error
    naming its file and line (exit 1), never silently ignored."""
    typos_config = config.get("typos") or {}
    if not typos_config.get("dicts"):
        return
    from ..passes import typos
    from ..pipeline import make_options
    options = make_options("typos", typos_config)
    typos.load(options)


def write_output(output: str, text: str) -> None:
    """Write ``text`` as UTF-8 to ``output`` (``-``: stdout) in one piece."""
    data = text.encode("utf-8")
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(output, "wb") as f:
            f.write(data)
    except OSError as exc:
        raise DataError(f"cannot write {output}: {exc.strerror}") from None
