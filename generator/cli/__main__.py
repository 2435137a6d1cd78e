"""`python -m generator.cli`: the `bulletins` command."""

from generator.cli import main

main()
