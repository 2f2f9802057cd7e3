"""Build-speed, page-weight and Lighthouse figures for the course: run `python -m bench` (see __main__.py)."""
