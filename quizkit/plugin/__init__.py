"""The MkDocs plugin: its events (plugin.py), typed settings (config.py), the page policy and assets, `mkdocs serve`."""
