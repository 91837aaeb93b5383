"""Benchmarks: quality and speed harnesses (run outside CI; see BENCHMARKS.md)."""
