"""``python -m pgshift``."""

from pgshift.cli import run

if __name__ == "__main__":
    run()
