"""Corpus mode: JSON lines and folders of documents, on every core, resumable.

The same :class:`~cleaner.pipeline.Pipeline` and edits as the filter, applied
to many documents. The package, from the bottom up (no module imports one
above it):

* :mod:`~cleaner.corpus.records`: one document or JSON record in, its cleaned
  form and a :class:`Summary` out; bad records reported with their line number;
* :mod:`~cleaner.corpus.files`: what is an input, where its output goes, and
  outputs written under temporary names and renamed when complete;
* :mod:`~cleaner.corpus.worker`: a worker's pipeline (built once) and tasks;
  workers die with their parent;
* :mod:`~cleaner.corpus.work`: the local engine's work items (whole text files,
  chunks of about a megabyte of JSON lines), as small dataclasses;
* :mod:`~cleaner.corpus.writer`: the ordered writer (output in input order, so
  it does not depend on ``jobs``);
* :mod:`~cleaner.corpus.dedup`: finding corpus duplicates, and the removal log;
* :mod:`~cleaner.corpus.commit`: corpus dedup as a committed phase (a kill at
  any point leaves the old state or the new one);
* :mod:`~cleaner.corpus.local` and :mod:`~cleaner.corpus.ray_engine`: the two
  engines, side by side, giving byte-identical output;
* :mod:`~cleaner.corpus.run`: :func:`run_corpus`, which checks its arguments and
  runs one engine, then dedup.
"""

from __future__ import annotations

from .commit import MANIFEST
from .dedup import MIN_PARAGRAPH_CHARS, REMOVED_LOG, find_duplicates, paragraph_key
from .files import SUFFIXES, list_inputs
from .progress import Progress
from .records import Summary, clean_jsonl, clean_jsonl_bytes
from .run import run_corpus
from .work import CHUNK_BYTES
from .worker import Job, clean_file

__all__ = ["CHUNK_BYTES", "MANIFEST", "MIN_PARAGRAPH_CHARS", "REMOVED_LOG", "SUFFIXES", "Job", "Progress", "Summary",
           "clean_file", "clean_jsonl", "clean_jsonl_bytes", "find_duplicates", "list_inputs", "paragraph_key",
           "run_corpus"]
