"""Allow ``python -m research``."""

from research.cli import main

raise SystemExit(main())
