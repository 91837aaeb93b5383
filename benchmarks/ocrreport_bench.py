"""OCR reports of several pages: the development set's breakdown on documents whose pages
carry page numbers and running heads (:mod:`benchmarks.ocrreport`).

``python -m benchmarks ocrreport`` builds the reports (Tesseract, cached under
``benchmarks/data/ocrdev/report/``) and scores them.
"""

from benchmarks.ocrdev_bench import run_reports as run

__all__ = ["run"]
