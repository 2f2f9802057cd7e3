"""`python -m quizkit check|stats|new|export|schema-comments`, from the folder that holds mkdocs.yml."""
import sys

from quizkit.authoring.cli import main

sys.exit(main(sys.argv[1:]))
