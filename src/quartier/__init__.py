"""Quartier: events, projects, programs and news of public programs as a static site.

The engine runs load → validate → model → render and imports nothing from MkDocs;
``hooks/quartier_mkdocs.py`` and ``quartier.cli`` are thin front ends over it.
"""

__version__ = "0.1.0"
