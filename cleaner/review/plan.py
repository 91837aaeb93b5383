"""Plans: the edits a reviewer rejected, replayed by ``cleaner --plan plan.json IN``.

A plan is the JSON the review page exports (or :func:`make_plan` writes)::

    {"format": "cleaner-plan", "version": 1,
     "documents": [{"name": "page.txt", "sha256": "…", "chars": 15947, "passes": ["rejoin", …],
                    "edits": 18, "skip": [{"id": 16, "pass": "typos", "rule": null,
                                           "start": 223, "end": 226, …}]}]}

``sha256`` is the digest of the input text the plan was made on; ``edits``
the number of edits the pipeline made on it; each ``skip`` entry names an
edit by its index in the run and by its pass, rule and offsets in that
pass's input. Applying a plan runs the pipeline again, checks that the input
and the edits are the ones the plan was made on, and replays every edit but
the rejected ones (:func:`cleaner.review.trace.replay`): an edit that
depends on a rejected one (it touches text only the rejected edit made) is
dropped too, and said so. The two halves of a moved block are one decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import click

from ..errors import ConfigError, DataError
from ..pipeline import Result

FORMAT = "cleaner-plan"
VERSION = 1
_META = "cleaner.plan"


@dataclass(frozen=True)
class DocumentPlan:
    """The decisions on one input text."""

    name: str
    sha256: str
    edits: int
    skip: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Plan:
    """A loaded plan: its documents, found by the digest of their text."""

    path: str
    documents: tuple[DocumentPlan, ...]

    def for_text(self, text: str, label: str) -> DocumentPlan:
        """The document of the plan made on ``text``; a :class:`DataError` when there is none."""
        from .page import digest
        found = digest(text)
        for doc in self.documents:
            if doc.sha256 == found:
                return doc
        names = ", ".join(d.name for d in self.documents) or "no document"
        raise DataError(f"{label}: this text is not the one the plan {self.path} was made on "
                        f"(it was made on {names}; the input's SHA-256 is {found[:12]}…): "
                        "review this input with 'cleaner review' and export a new plan")


def _bad(path: str, problem: str) -> DataError:
    return DataError(f"{path}: not a cleaner plan: {problem}")


def parse_plan(data: Any, path: str) -> Plan:
    """Check the structure of plan JSON ``data`` (read from ``path``).

    >>> parse_plan({"format": "cleaner-plan", "version": 1, "documents": []}, "p.json").documents
    ()
    >>> parse_plan({"format": "other"}, "p.json")
    Traceback (most recent call last):
    ...
    cleaner.errors.DataError: p.json: not a cleaner plan: "format" must be "cleaner-plan"
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad(path, f'"format" must be "{FORMAT}"')
    if data.get("version") != VERSION:
        raise _bad(path, f"version {data.get('version')!r}; this cleaner reads version {VERSION}")
    docs = data.get("documents")
    if not isinstance(docs, list):
        raise _bad(path, '"documents" must be a list')
    out = []
    for n, doc in enumerate(docs):
        where = f"document {n + 1}"
        if not isinstance(doc, dict) or not isinstance(doc.get("sha256"), str):
            raise _bad(path, f"{where} has no sha256")
        if not isinstance(doc.get("edits"), int) or not isinstance(doc.get("skip"), list):
            raise _bad(path, f"{where} needs a number of edits and a skip list")
        for s in doc["skip"]:
            if not (isinstance(s, dict) and all(isinstance(s.get(k), int) for k in ("id", "start", "end"))
                    and isinstance(s.get("pass"), str)):
                raise _bad(path, f"{where}: each skip entry needs id, pass, start and end")
        out.append(DocumentPlan(str(doc.get("name", where)), doc["sha256"], doc["edits"], tuple(doc["skip"])))
    return Plan(path, tuple(out))


def load_plan(path: str) -> Plan:
    """Read and check a plan file; a :class:`DataError` (exit 1) when it is unreadable or malformed."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as exc:
        raise DataError(f"cannot read plan {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(path, f"not valid JSON ({exc})") from None
    return parse_plan(data, path)


def rejected_ids(doc: DocumentPlan, result: Result, plan_path: str) -> set[int]:
    """The indices of the edits ``doc`` rejects, checked against the run they name."""
    edits = result.edits
    if doc.edits != len(edits):
        raise DataError(f"{plan_path}: the plan was made on {doc.edits} edits and the pipeline now makes "
                        f"{len(edits)}: apply it with the options and version it was made with")
    ids = set()
    for s in doc.skip:
        i = s["id"]
        e = edits[i] if 0 <= i < len(edits) else None
        rule = s.get("rule")
        if (e is None or (e.pass_name, e.start, e.end) != (s["pass"], s["start"], s["end"])
                or (rule is not None and e.rule is not None and rule != e.rule)):
            raise DataError(f"{plan_path}: edit {i} ({s['pass']} at {s['start']}-{s['end']}) is not an "
                            "edit the pipeline makes on this text: apply the plan with the options and "
                            "version it was made with")
        ids.add(i)
    return ids


def apply_plan(doc: DocumentPlan, result: Result, plan_path: str = "plan") -> tuple[Result, list[int]]:
    """``result`` with the rejected edits left out; also the edits dropped because they depended on one.

    >>> from cleaner.pipeline import Pipeline
    >>> r = Pipeline(["normalize", "punctuation"]).run("中文,文字 \\n")
    >>> plan = parse_plan(make_plan([("a", r, {1})]), "p.json")
    >>> apply_plan(plan.documents[0], r)[0].text
    '中文,文字\\n'
    """
    from .trace import build, moves, replay
    rejected = rejected_ids(doc, result, plan_path)
    trace = build(result)
    pairs = moves(trace)
    rejected |= {pairs[i] for i in rejected if i in pairs}
    text, kept = replay(trace, rejected)
    eff = trace.effective(rejected)
    dropped = [i for i, ok in enumerate(eff) if not ok and i not in rejected]
    return Result(text, kept, result.source), dropped


def make_plan(documents: Iterable[tuple[str, Result, Iterable[int]]]) -> dict[str, Any]:
    """A plan rejecting, in each ``(name, result, rejected)``, the edits at those indices (as the page writes it)."""
    from .page import digest
    docs = []
    for name, result, rejected in documents:
        skip = [{"id": i, "pass": e.pass_name, "rule": e.rule, "start": e.start, "end": e.end,
                 "source_start": e.source_start, "source_end": e.source_end}
                for i, e in ((i, result.edits[i]) for i in sorted(set(rejected)))]
        docs.append({"name": name, "sha256": digest(result.source), "chars": len(result.source),
                     "passes": list(dict.fromkeys(e.pass_name for e in result.edits)),
                     "edits": len(result.edits), "skip": skip})
    return {"format": FORMAT, "version": VERSION, "documents": docs}


# ---- the filter's --plan option ---------------------------------------------------------------

def _load_option(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    ctx.meta[_META] = load_plan(value) if value is not None else None


def plan_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--plan FILE``: apply a plan exported by the review page (the loaded plan goes in the context)."""
    return click.option("--plan", metavar="PLAN.json", callback=_load_option, expose_value=False,
                        type=click.Path(exists=True, dir_okay=False),
                        help="Apply only the edits a review accepted (a plan from 'cleaner review').")(fn)


def replay_plan(result: Result, label: str) -> Result:
    """With ``--plan``: ``result`` as the plan decides (unchanged without one)."""
    plan: Plan | None = click.get_current_context().meta.get(_META)
    if plan is None:
        return result
    doc = plan.for_text(result.source, label)
    replayed, dropped = apply_plan(doc, result, plan.path)
    if dropped:
        click.echo(f"cleaner: {label}: {len(dropped)} edit(s) not applied because they change text "
                   f"that a rejected edit made: {', '.join(map(str, dropped))}", err=True)
    return replayed


def plan_given() -> bool:
    """True when the running command was given ``--plan`` (replaying it needs the edits)."""
    return click.get_current_context().meta.get(_META) is not None


def no_plan_with(option: str) -> None:
    """A usage error when ``--plan`` came with an option that cannot use it."""
    if plan_given():
        raise ConfigError(f"--plan cannot be used with {option}")


__all__ = ["FORMAT", "VERSION", "Plan", "DocumentPlan", "apply_plan", "load_plan", "make_plan",
           "parse_plan", "plan_given", "plan_option", "replay_plan", "no_plan_with"]

