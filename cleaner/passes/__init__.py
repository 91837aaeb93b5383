"""One module per pass; see :mod:`cleaner.pipeline` for the contract and the order."""
