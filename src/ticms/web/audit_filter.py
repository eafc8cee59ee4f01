"""Filtering the audit log: the page, its XLSX and the background CSV export read the same filter."""

from __future__ import annotations

import datetime
import json

from django import forms
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from ticms.audit.models import Event
from ticms.audit.services import newest_seq
from ticms.params import ascii_int


class EventFilter(forms.Form):
    action = forms.CharField(label="操作", required=False, max_length=60)
    actor = forms.CharField(label="操作人", required=False, max_length=150)
    object = forms.CharField(
        label="对象",
        required=False,
        max_length=100,
        help_text="对象编号，或核验方法中的对象代码",
    )
    date_from = forms.DateField(label="起始日期", required=False)
    date_to = forms.DateField(label="截止日期", required=False)

    def filter(self, qs):
        # An invalid value is shown with its error beside the field; the valid filters still apply (issue 13).
        self.is_valid()
        d = {name: self.cleaned_data.get(name) for name in self.fields}
        if d["action"]:
            qs = qs.filter(action__icontains=d["action"].strip())
        if d["actor"]:
            who = d["actor"].strip()
            qs = qs.filter(Q(actor_name__icontains=who) | Q(actor__username__iexact=who))
        if d["object"]:
            obj = d["object"].strip()
            if ":" in obj:
                object_type, object_id = obj.rsplit(":", 1)
                qs = qs.filter(object_type__iexact=object_type.strip(), object_id=object_id.strip())
            elif ascii_int(obj) is not None:
                qs = qs.filter(object_id=obj)
            else:
                qs = qs.filter(object_type__icontains=obj)
        tz = timezone.get_current_timezone()
        if d["date_from"]:
            start = datetime.datetime.combine(d["date_from"], datetime.time.min, tzinfo=tz)
            qs = qs.filter(at__gte=start)
        if d["date_to"]:
            end = datetime.datetime.combine(d["date_to"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
            qs = qs.filter(at__lt=end)
        return qs


def filtered_events(params) -> tuple[EventFilter, object]:
    """The filter form bound to `params` (a QueryDict or dict; None for none) and the events it selects, newest
    first."""
    form = EventFilter(params or None)
    qs = Event.objects.select_related("actor").order_by("-seq")
    return form, (form.filter(qs) if form.is_bound else qs)


def estimated_total(qs, filtered: bool) -> int | None:
    """About how many events match, without counting a million rows: PostgreSQL's planner statistics
    (pg_class.reltuples for the whole log, the plan's row estimate under filters); on SQLite the highest sequence
    number of the unfiltered log (events are never deleted). None when there is no cheap estimate."""
    if connection.vendor == "postgresql":
        if filtered:
            plan = json.loads(qs.order_by().explain(format="json"))
            return int(plan[0]["Plan"]["Plan Rows"])
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [Event._meta.db_table])
            row = cursor.fetchone()
        if row and row[0] >= 0:
            return int(row[0])
    if filtered:
        return None
    return newest_seq()
