"""Authors' tooling (command line, scaffold, lint, guessing, blind study, text rules, originality).

The plugin does not import this package when it loads; a build imports only what it runs."""
