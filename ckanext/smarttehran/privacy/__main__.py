"""``python -m ckanext.smarttehran.privacy``: see ``cli``."""

from __future__ import annotations

import sys

from ckanext.smarttehran.privacy.cli import main

sys.exit(main())
