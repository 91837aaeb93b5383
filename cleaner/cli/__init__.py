"""The ``cleaner`` command: I/O, options and exit codes; no cleaning logic.

Exit codes: 0 success, 1 bad data (undecodable input, malformed dictionary)
or ``--check`` found something to change, 2 usage error. No traceback
reaches the user (set ``CLEANER_DEBUG=1`` to see one); a closed pipe
(``cleaner big.txt | head``) ends the command quietly.

The filter is :mod:`cleaner.cli.filter`. Each subcommand is a module of this
package named in :data:`COMMANDS` and imported only when it runs; its first
argument names it (``cleaner corpus IN OUT``), so a file called ``corpus`` is
cleaned as ``cleaner ./corpus``. Options shared by commands live in
:mod:`cleaner.cli.options`.
"""
from __future__ import annotations

import importlib
import os
import sys
from typing import Sequence

import click

from ..errors import CleanerError, ConfigError, DataError
from .filter import cli
from .options import decode

#: Subcommands: the first argument, and the module and click command that run it.
COMMANDS: dict[str, tuple[str, str]] = {
    "corpus": ("cleaner.cli.corpus", "corpus_cli"),
    "model": ("cleaner.cli.model", "model_cli"),
    "review": ("cleaner.cli.review", "review_cli"),
    "score": ("cleaner.cli.score", "score_cli"),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (never raises).

    >>> main(["--version"])
    cleaner ...
    0
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] and args[0] in COMMANDS:
        module, attr = COMMANDS[args[0]]
        command, prog = getattr(importlib.import_module(module), attr), f"cleaner {args[0]}"
        args = args[1:]
    else:
        command, prog = cli, "cleaner"
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


__all__ = ["COMMANDS", "cli", "decode", "main", "run"]
