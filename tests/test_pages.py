"""A record's own page is named once (`page_route`); every such name is a route that takes the record's pk."""

from django.apps import apps

from ticms.pages import HasPage


def test_every_record_with_a_page_links_to_its_own_page():
    models = [m for m in apps.get_models() if issubclass(m, HasPage)]
    assert len(models) >= 13
    for model in models:
        assert "/7/" in model(pk=7).get_absolute_url(), model
        assert "/8/" in model(pk=8).get_absolute_url(), model
