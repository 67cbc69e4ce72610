#!/usr/bin/env python
"""Same as the `safeguard` console script, for those who expect manage.py."""

from safeguard.cli import main

if __name__ == "__main__":
    main()
