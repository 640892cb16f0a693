"""Browser tests. A package, so that its conftest does not replace tests/conftest.py."""
