import sys

from quartier.frontends.cli import main

sys.exit(main())
