"""Build the package with setuptools; everything else is in pyproject.toml.

Two things need code here: the top-level ``dictionaries/`` folder ships inside
the wheel as the package ``cleaner.dictionaries`` (``cleaner.resources`` finds
it there, or beside the package in a checkout), and the C core
``cleaner._lexcore`` (``csrc/``) is an *optional* extension: on a machine
without a C compiler or Python headers the build carries on without it and
``cleaner`` runs its pure-Python kernels (``cleaner --version`` says which).
"""

from setuptools import Extension, find_packages, setup

setup(
    packages=find_packages(include=["cleaner", "cleaner.*"]) + ["cleaner.dictionaries"],
    package_dir={"cleaner.dictionaries": "dictionaries"},
    package_data={"cleaner": ["py.typed"], "cleaner.dictionaries": ["*.tsv", "*.md"]},
    ext_modules=[Extension("cleaner._lexcore", ["csrc/lexcore.c"], depends=["csrc/han_ranges.h"],
                           optional=True)],
)
