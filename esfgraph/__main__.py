"""Allow ``python -m esfgraph``."""

from .cli import main

main()
