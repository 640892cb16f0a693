import pytest

from quartier.text.slugs import is_valid_slug, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Köln", "koeln"),
        ("München", "muenchen"),
        ("Frankfurt (Oder)", "frankfurt-oder"),
        ("Prädikow", "praedikow"),
        ("Offenbach am Main", "offenbach-am-main"),
        ("Gießen", "giessen"),
        ("Île-de-France", "ile-de-france"),
    ],
)
def test_german_transliteration(name, slug):
    assert slugify(name) == slug
    assert is_valid_slug(slug)


@pytest.mark.parametrize("bad", ["Köln", "mit leerzeichen", "Gross", "-x", "x--y", "", "../etc"])
def test_invalid_slugs(bad):
    assert not is_valid_slug(bad)
