"""Rendering pages: the Jinja environment, its filters and what each page reads."""
