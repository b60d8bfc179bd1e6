"""``python -m roleplay`` runs the command line."""

import sys

from roleplay.cli import main

sys.exit(main())
