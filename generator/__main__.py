"""`python -m generator` runs the `parallax` command."""

import sys

from .cli import main

sys.exit(main())
