"""`python -m docgen`: the same as the `docgen` command."""

import sys

from docgen.entry import main

sys.exit(main())
