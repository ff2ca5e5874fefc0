"""`python -m desk_app` runs the same command line as `desk-app`."""

import sys

from desk_app.cli.main import main

sys.exit(main())
