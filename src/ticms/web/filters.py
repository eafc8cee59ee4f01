"""The base of every list's FilterSet (django-filter) and the filters several lists share.

Each app declares its FilterSet in `<app>/filters.py` on `ListFilterSet`; the widgets get Bootstrap classes and an
invalid value gets `is-invalid` so `web/jinja2/web/list/filters.jinja` shows its Chinese error beside it. Every filter
is declared (no `Meta.fields`) and the list's queryset names the model, so a FilterSet needs no `Meta`.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator

from ticms.accounts.models import CompetentUnit
from ticms.accounts.units import competent_units

MIN_YEAR, MAX_YEAR = 2000, 2100
# Django's select, its options drawn inline (web/jinja2/web/widgets/select.html): every list page has a few.
INLINE_SELECT = "web/widgets/select.html"


def field_choices() -> list[tuple[str, str]]:
    from ticms.policy import current_policy

    return [(f.name, f.name) for f in current_policy().fields]


class ListFilterSet(django_filters.FilterSet):
    # The form class of each FilterSet (and set of filters: a view may drop one), built once per process.
    # django-filter builds it on every request, each filter making its form field and widget anew, which cost a
    # list page about a millisecond; Django's Form still gives every request its own copy of the fields. A filter
    # whose field depends on the request must therefore not be declared here (none is: choices that change are
    # callables or querysets, read when the form is drawn).
    _form_classes: dict = {}

    def get_form_class(self):
        key = (type(self), tuple(self.filters))
        form_class = self._form_classes.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            for field in form_class.base_fields.values():
                widget = field.widget
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", f"{css} {css}-sm")
                if widget.template_name == forms.Select.template_name:
                    widget.template_name = INLINE_SELECT
            self._form_classes[key] = form_class
        return form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            if self.is_bound:
                for name in form.errors:
                    if name in form.fields:
                        form.fields[name].widget.attrs["class"] += " is-invalid"
        return self._form


def keyword_filter(*paths: str, label: str = "关键词", placeholder: str = "名称、编号或单位"):
    """Rows where any of `paths` contains the words typed (case-insensitive)."""

    def method(queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        q = Q()
        for path in paths:
            q |= Q(**{f"{path}__icontains": value})
        return queryset.filter(q)

    return django_filters.CharFilter(
        label=label,
        method=lambda qs, name, value: method(qs, name, value),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": placeholder}),
    )


class CountyChoices(ModelChoiceIterator):
    """The counties, from the cached rows (accounts.units): drawing the filter costs no query. Choosing one is
    still checked against the table by the field's queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in competent_units():
            yield self.choice(obj)

    def __len__(self):
        return len(competent_units()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(competent_units())


class CountyChoiceField(django_filters.fields.ModelChoiceField):
    iterator = CountyChoices


class CountyFilter(django_filters.ModelChoiceFilter):
    field_class = CountyChoiceField


def county_filter(path: str, label: str = "县（市、区）") -> django_filters.ModelChoiceFilter:
    return CountyFilter(field_name=path, label=label, queryset=CompetentUnit.objects.all(), empty_label="全部")


def year_filter(path: str = "year", label: str = "年度") -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name=path,
        label=label,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"placeholder": "如 2026"}),
    )


def choice_filter(path: str, choices, label: str, *, multiple: bool = False):
    if multiple:
        return django_filters.MultipleChoiceFilter(
            field_name=path, label=label, choices=choices, widget=forms.SelectMultiple(attrs={"size": 1})
        )
    return django_filters.ChoiceFilter(field_name=path, label=label, choices=choices, empty_label="全部")


def state_filter(choices, path: str = "state", label: str = "状态") -> django_filters.ChoiceFilter:
    """The workflow state of a list's records ("全部" first)."""
    return choice_filter(path, choices, label)


class FieldFilter(django_filters.ChoiceFilter):
    """重点产业集群: the clusters of the policy in force (read when the form is built, not at import)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "领域")
        kwargs.setdefault("empty_label", "全部")
        super().__init__(*args, choices=field_choices, **kwargs)


def date_range_filter(path: str, label: str) -> django_filters.DateFromToRangeFilter:
    widget = django_filters.widgets.RangeWidget(attrs={"type": "date", "class": "form-control form-control-sm"})
    # the field's one <label> cannot name two inputs: each box says which end of the range it holds
    for box, end in zip(widget.widgets, ("起", "止"), strict=True):
        box.attrs["aria-label"] = f"{label}（{end}）"
    return django_filters.DateFromToRangeFilter(field_name=path, label=label, widget=widget)
