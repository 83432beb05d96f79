"""``python -m clive_rules`` runs the command line."""

from clive_rules.cli import main

main()
