"""``python -m pgshift``."""

from pgshift.cli import main

if __name__ == "__main__":
    main()
