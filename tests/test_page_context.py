"""Each page template gets one frozen context dataclass: the template's variables and the
context's fields must be the same names, so a renamed or forgotten value fails here."""

from __future__ import annotations

import dataclasses

import pytest
from jinja2 import meta

from quartier import paths
from quartier.render.page_context import CONTEXTS, PageContext, SearchContext
from quartier.render.templating import environment


def _variables(name: str) -> set[str]:
    """The variables a template and the templates it includes read from their context."""
    env = environment()
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    found = set(meta.find_undeclared_variables(tree))
    for included in meta.find_referenced_templates(tree):
        if included and included != "macros.j2":  # imported, not included: it gets its values as arguments
            found |= _variables(included)
    return found


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda c: c.template)
def test_each_template_reads_exactly_the_fields_of_its_context(context: type[PageContext]):
    globals_ = set(environment().globals) | {"absolute"}
    fields = {field.name for field in dataclasses.fields(context)}
    assert _variables(context.template + ".md.j2") - globals_ == fields


def test_every_page_template_has_a_context():
    env = environment()
    pages = {name.removesuffix(".md.j2") for name in env.list_templates() if name.endswith(".md.j2")}
    included = {"post_related"}
    assert pages - included == {context.template for context in CONTEXTS}


def test_a_context_is_frozen_and_hands_its_values_over_as_they_are():
    context = SearchContext(filters=[("jahr", "Jahr", ("2027",))], ranking="{}")
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.here = "x"
    assert context.variables()["filters"] is context.filters
    assert context.variables()["here"] == paths.SEARCH_PAGE
