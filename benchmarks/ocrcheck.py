"""The OCR check set: the development set's breakdown on pages no rule was tuned on.

``python -m benchmarks ocrcheck`` builds the 20 pages (``python -m benchmarks.ocrdev
--check``; Tesseract, cached under ``benchmarks/data/ocrdev/check/``) and scores them as
:mod:`benchmarks.ocrdev_bench` scores the development set.
"""

from benchmarks.ocrdev_bench import run_check as run

__all__ = ["run"]
