"""The command line of a benchmark module run alone (``python -m benchmarks.NAME``).

Each module names the options it takes; ``--help`` prints the module's docstring and
them, and an option it does not take is a usage error (exit 2) rather than a run of
the whole benchmark with the option ignored.

>>> parse("Demo.", ["--quick"], flags={"quick": QUICK}).quick
True
>>> parse("Demo.", ["--sizes", "4,16"], values={"sizes": "megabytes, comma-separated"}).sizes
'4,16'
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping

#: The help of ``--quick``, which most modules take.
QUICK = "small sizes, for a first look in a minute or two"


def parse(doc: str | None, argv: list[str] | None = None, *, flags: Mapping[str, str] = {},
          values: Mapping[str, str] = {}) -> argparse.Namespace:
    """The options of ``argv`` (default ``sys.argv[1:]``): ``--NAME`` for each of ``flags``
    (name -> help; ``False`` when absent) and ``--NAME VALUE`` for each of ``values``
    (``None`` when absent)."""
    parser = argparse.ArgumentParser(prog=f"python -m {_module()}", description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    for name, help_text in flags.items():
        parser.add_argument("--" + name, action="store_true", help=help_text)
    for name, help_text in values.items():
        parser.add_argument("--" + name, default=None, help=help_text)
    return parser.parse_args(sys.argv[1:] if argv is None else argv)


def _module() -> str:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return spec.name if spec is not None else "benchmarks"
