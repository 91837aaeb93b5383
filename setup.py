"""Build the package with setuptools; everything else is in pyproject.toml.

Three things need code here: every file under ``cleaner/`` that is not Python
source ships in the wheel (``py.typed``, the review page's HTML, CSS and
JavaScript, whatever is added later); the top-level ``dictionaries/`` folder
ships inside the wheel as the package ``cleaner.dictionaries``
(``cleaner.resources`` finds it there, or beside the package in a checkout);
and the C core ``cleaner._lexcore`` (``csrc/``) is an *optional* extension: on
a machine without a C compiler or Python headers the build carries on without
it and ``cleaner`` runs its pure-Python kernels (``cleaner --version`` says
which).
"""

import os

from setuptools import Extension, find_packages, setup

PACKAGES = find_packages(include=["cleaner", "cleaner.*"])


def package_data() -> dict[str, list[str]]:
    """The non-Python files under cleaner/, each under the nearest package that holds it."""
    data: dict[str, list[str]] = {"cleaner.dictionaries": ["*.tsv", "*.md"]}
    for folder, subfolders, files in os.walk("cleaner"):
        subfolders[:] = [s for s in subfolders if s != "__pycache__"]
        owner = folder
        while owner.replace(os.sep, ".") not in PACKAGES:
            owner = os.path.dirname(owner)
        for name in files:
            if not name.endswith((".py", ".pyc", ".so", ".pyd")):
                path = os.path.relpath(os.path.join(folder, name), owner)
                data.setdefault(owner.replace(os.sep, "."), []).append(path)
    return data


setup(
    packages=PACKAGES + ["cleaner.dictionaries"],
    package_dir={"cleaner.dictionaries": "dictionaries"},
    package_data=package_data(),
    ext_modules=[Extension("cleaner._lexcore", ["csrc/lexcore.c"], depends=["csrc/han_ranges.h"],
                           optional=True)],
)
