"""``python -m cleaner``: the same command as ``cleaner``."""

from .cli import run

if __name__ == "__main__":
    run()
