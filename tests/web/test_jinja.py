"""The Jinja2 side of the templates (ticms.web.jinja): the list component, its rows and the form widgets must read
exactly as the Django templates they replaced, or users would see dates in UTC, badges without colour, forms
without their fields."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.template.loader import render_to_string
from django.utils.timezone import template_localtime
from hypothesis import given
from hypothesis import strategies as st

from ticms.web import jinja
from ticms.web.form_renderer import FormRenderer


def jinja_render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


@given(st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1),
                    timezones=st.sampled_from([ZoneInfo("UTC"), ZoneInfo("Asia/Shanghai"), None])))
def test_dates_read_as_django_formats_them_in_shanghai_time(value):
    for fmt in ("Y-m-d", "Y-m-d H:i", "Y-m-d H:i:s", "Y年n月j日"):
        assert jinja.date(value, fmt) == django_date(template_localtime(value), fmt)


def test_an_evening_in_utc_is_the_next_morning_in_shanghai():
    late = datetime.datetime(2026, 3, 1, 20, 30, tzinfo=ZoneInfo("UTC"))
    assert jinja_render('{{ d|date("Y-m-d H:i") }}', d=late) == "2026-03-02 04:30"
    assert jinja_render('{{ d|date("Y-m-d") or "—" }}', d=None) == "—"


@pytest.mark.parametrize("state,label", [("recognized", ""), ("rejected", "不予推荐"), ("<b>", "")])
def test_state_badge_is_the_django_include(state, label):
    django = render_to_string("web/includes/state_badge.html", {"state": state, "label": label})
    assert jinja_render("{{ state_badge(state, label) }}", state=state, label=label) == django.strip()


def test_row_text_is_escaped_and_django_safe_strings_are_not():
    from django.utils.safestring import mark_safe

    assert jinja_render("{{ x }}{{ y }}", x="<script>", y=mark_safe("<b>ok</b>")) == "&lt;script&gt;<b>ok</b>"


def test_url_reverses_a_route_with_its_arguments():
    assert jinja_render("{{ url('centers:public_detail', 7) }}") == "/centers/7/"


def test_the_jinja_tag_draws_a_template_with_the_page_context_and_its_own_names():
    html = engines["django"].from_string(
        '{% jinja "web/list/rows.jinja" rows=rows rows_template="centers/rows/directory.jinja" columns=7 %}'
    ).render({"rows": [], "listing": None})
    assert 'colspan="7"' in html and "没有符合条件的记录。" in html


class Pick(forms.Form):
    county = forms.ChoiceField(choices=[("", "全部"), ("1", "朔城区"), ("2", "平鲁区")], initial="2")
    note = forms.CharField(max_length=10, required=False)


def test_widgets_are_drawn_from_the_jinja2_templates_and_read_as_djangos():
    from django.forms.renderers import DjangoTemplates

    jinja_html = Pick(renderer=FormRenderer())["county"].as_widget()
    django_html = Pick(renderer=DjangoTemplates())["county"].as_widget()
    assert " ".join(jinja_html.split()) == " ".join(django_html.split())
    assert '<option value="2" selected>平鲁区</option>' in jinja_html
    assert FormRenderer().get_template("django/forms/widgets/select.html").__module__.startswith(
        "django.template.backends.jinja2")


def test_a_widget_with_only_a_django_template_still_draws():
    """The admin's related-object wrapper ships no Jinja2 edition: the renderer falls back to Django's engine."""
    renderer = FormRenderer()
    template = renderer.get_template(RelatedFieldWidgetWrapper.template_name)
    assert template.__module__.startswith("django.template.backends.django")
    assert renderer.get_template(RelatedFieldWidgetWrapper.template_name) is not None  # the miss is remembered


def test_a_missing_name_is_empty_with_debug_on_as_with_it_off():
    """The demo runs with DEBUG on: it must draw what production draws, not the expression of a missing name."""
    from jinja2 import DebugUndefined

    env = jinja.environment(undefined=DebugUndefined, autoescape=True)  # what Django's backend passes with DEBUG on
    assert env.from_string("[{{ row.nothing }}]").render(row=object()) == "[]"


def test_url_with_other_arguments_reverses_them_as_given():
    assert jinja_render("{{ url('documents:download', 3, 'pdf') }}") == "/documents/3/pdf/"
    assert jinja_render("{{ url('home') }}") == "/"


@pytest.mark.parametrize("multiple", [False, True])
def test_the_filters_inline_select_reads_as_djangos(multiple):
    """The list filters draw their selects with the options inline (ticms.web.filters.INLINE_SELECT): the same HTML
    as Django's own select, chosen values, groups, disabled and boolean attributes included."""
    from ticms.web.filters import INLINE_SELECT

    choices = [("", "全部"), ("a", "甲 & <乙>"), ("组", [("b", "丙"), ("c", "丁")])]
    cls = forms.SelectMultiple if multiple else forms.Select
    for value in (None, "a", ["a", "c"] if multiple else "c"):
        ours = cls(choices=choices, attrs={"class": "form-select", "required": True, "disabled": False})
        ours.template_name = INLINE_SELECT
        django = cls(choices=choices, attrs={"class": "form-select", "required": True, "disabled": False})
        assert ours.render("f", value, renderer=FormRenderer()) == django.render("f", value, renderer=FormRenderer())


@pytest.mark.parametrize("model_path,field_name", [
    ("ticms.applications.models.Application", "state"), ("ticms.applications.models.Application", "track"),
    ("ticms.centers.models.Center", "status"), ("ticms.centers.models.Center", "category"),
    ("ticms.reviews.models.Panel", "purpose"), ("ticms.notices.models.Objection", "state"),
])
def test_display_reads_as_djangos_get_display_for_every_choice_and_a_stray_value(model_path, field_name):
    """`row|display("state")` replaced `row.get_state_display()` in the rows: the same words for every value."""
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    field = model._meta.get_field(field_name)
    for value in [v for v, _ in field.flatchoices] + ["not-a-choice"]:
        record = model(**{field.attname: value})
        django = getattr(record, f"get_{field_name}_display")()
        assert jinja_render(f'{{{{ row|display("{field_name}") }}}}', row=record) == str(django)
