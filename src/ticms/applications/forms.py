"""The 申请书 form (amounts in 万元, stored in yuan) and the public self-check form."""

from __future__ import annotations

from django import forms

from ticms.accounts.models import Organisation
from ticms.calls.models import Call
from ticms.centers.models import Center, EngineeringCenter
from ticms.money import to_wan, to_yuan, wan_field

from . import fields as spec
from .display import display
from .fields import Kind
from .models import Application, AttachmentKind, Track

TRI_STATE = [("", "未填写"), ("true", "是"), ("false", "否")]


def bootstrap(form: forms.Form, *, with_errors: bool = False) -> None:
    """Bootstrap classes on every widget, and is-invalid on fields with errors (so the page shows where)."""
    for name, f in form.fields.items():
        w = f.widget
        if getattr(w, "allow_multiple_selected", False) and getattr(w, "input_type", "") == "checkbox":
            continue
        if getattr(w, "input_type", "") == "checkbox":
            css = "form-check-input"
        elif getattr(w, "input_type", "") == "select" or isinstance(w, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        if with_errors and name in form.errors:
            css += " is-invalid"
        w.attrs["class"] = css


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only classes here: asking for errors now would validate before subclasses finish setting choices.
        bootstrap(self)

    def full_clean(self):
        super().full_clean()
        bootstrap(self, with_errors=True)


def _tri(value):
    return {"true": True, "false": False, True: True, False: False}.get(value)


def count_field(label: str, maximum: int = 1_000_000) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=maximum,
                              error_messages={"min_value": "不能为负数。", "max_value": "数值过大，请核对。",
                                              "invalid": "请输入整数。"})


def _number_field(label: str, maximum: int) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=0, max_value=maximum, max_digits=10,
                              decimal_places=2, error_messages={"min_value": "不能为负数。",
                                                                "max_value": "数值过大，请核对。",
                                                                "invalid": "请输入数字。"})


def form_field(f: spec.Field, year: int | None = None) -> forms.Field:
    """The form field of one spec field. Every field may stay empty in a draft: what must be filled before
    submission is checked by the `submit` step and marked on the page (`submit_required`)."""
    label = f.label_for(year)
    if not f.editable:
        field = forms.CharField(label=label, required=False, disabled=True)
    elif f.kind == Kind.TEXT:
        field = forms.CharField(label=label, max_length=f.max_length, required=False)
    elif f.kind == Kind.LONG_TEXT:
        field = forms.CharField(label=label, max_length=f.max_length, required=False,
                                widget=forms.Textarea(attrs={"rows": f.widget_rows}))
    elif f.kind == Kind.CHOICE:
        field = forms.ChoiceField(label=label, required=f.choices is None)  # model choices have no empty one
    elif f.kind == Kind.MONEY:
        field = wan_field(label)
    elif f.kind == Kind.COUNT:
        field = count_field(label, f.maximum or 1_000_000)
    elif f.kind == Kind.NUMBER:
        field = _number_field(label, f.maximum or 10**7)
    elif f.kind == Kind.TRI_STATE:
        field = forms.TypedChoiceField(label=label, choices=TRI_STATE, coerce=_tri, empty_value=None, required=False)
    elif f.kind == Kind.DECLARATION:
        field = forms.BooleanField(label=f.prompt or label, required=False)
    elif f.kind == Kind.DATE:
        field = forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                error_messages={"invalid": "请输入日期（如 2026-01-31）。"})
    elif f.kind == Kind.ORGANISATION:
        field = forms.ModelChoiceField(label=label, queryset=Organisation.objects.none(), required=False,
                                       empty_label=None)
    elif f.kind == Kind.ORGANISATIONS:
        field = forms.ModelMultipleChoiceField(label=label, queryset=Organisation.objects.none(), required=False,
                                               widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    else:  # pragma: no cover - a kind added to fields.Kind without its form field
        raise ValueError(f"no form field for {f.kind}")
    field.help_text = f.help
    field.submit_required = f.required
    field.spec = f
    return field


def _choices(f: spec.Field) -> list[tuple[str, str]]:
    if f.choices is not None:
        return [("", "请选择")] + [(n, n) for n in f.choices()]
    return list(Application._meta.get_field(f.name).choices)


class FactsForm(BootstrapForm):
    """The facts Art. 8 checks that an applicant types (fields.fact_fields()); shared by the application form and
    the public self-check."""

    def __init__(self, *args, year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.spec_fields():
            self.fields[f.name] = form_field(f, year)
            if f.kind == Kind.CHOICE:
                self.fields[f.name].choices = _choices(f)
        bootstrap(self)

    def spec_fields(self) -> tuple[spec.Field, ...]:
        return tuple(f for f in spec.fact_fields() if f.editable and f.kind != Kind.DECLARATION)

    def yuan_values(self) -> dict:
        """Cleaned values with amounts converted from 万元 to yuan."""
        data = dict(self.cleaned_data)
        for f in spec.FIELDS:
            if f.kind == Kind.MONEY and data.get(f.name) is not None:
                data[f.name] = to_yuan(data[f.name])
        return data


class ApplicationForm(FactsForm):
    """The 申请书, section by section, as fields.SECTIONS declares it."""

    def __init__(self, *args, application=None, user=None, **kwargs):
        super().__init__(*args, year=application.year if application else None, **kwargs)
        if application is not None:
            orgs = Organisation.objects.order_by("name")
            own = user.organisation_ids() if user is not None else []
            self.fields["host_unit"].queryset = orgs.filter(
                pk__in={application.lead_unit_id, application.host_unit_id, *own})
            self.fields["partner_units"].queryset = orgs.exclude(pk=application.lead_unit_id)

    def spec_fields(self) -> tuple[spec.Field, ...]:
        return spec.FIELDS

    def sections(self) -> list[dict]:
        return [{"key": s.key, "title": s.title, "fields": [self[f.name] for f in s.fields]}
                for s in spec.SECTIONS]

    def changes(self) -> dict:
        """The plain values to save (organisations go to the service as ids: host_unit_id, partner_unit_ids)."""
        data = self.yuan_values()
        return {f.name: data[f.name] for f in spec.editable()
                if f.kind not in (Kind.ORGANISATION, Kind.ORGANISATIONS) and f.name in data}


def initial_for(application) -> dict:
    """The form's values from the record: amounts in 万元, read-only fields as the page shows them."""
    initial = {}
    for f in spec.FIELDS:
        if f.kind == Kind.ORGANISATIONS:
            initial[f.name] = list(getattr(application, f.name).values_list("pk", flat=True))
        elif f.kind == Kind.ORGANISATION:
            initial[f.name] = getattr(application, f"{f.name}_id") if f.editable else \
                str(getattr(application, f.name))
        elif not f.editable:
            initial[f.name] = display(f, getattr(application, f.name))
        elif f.kind == Kind.MONEY:
            value = getattr(application, f.name)
            initial[f.name] = None if value is None else to_wan(value, exact=True)
        elif f.kind == Kind.TRI_STATE:
            value = getattr(application, f.name)
            initial[f.name] = "" if value is None else ("true" if value else "false")
        else:
            initial[f.name] = getattr(application, f.name)
    return initial


class SelfCheckForm(FactsForm):
    credit_code = forms.CharField(label="牵头单位统一社会信用代码", max_length=18, required=False)
    application_year = forms.IntegerField(label="申报年度", min_value=2000, max_value=2100, required=False)
    integrity_clean = forms.TypedChoiceField(label="不存在重大安全、质量、环境问题或违法失信情况", choices=TRI_STATE,
                                             coerce=_tri, empty_value=None, required=False)
    field_order = ["credit_code", "application_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["integrity_clean"] = self.fields.pop("integrity_clean")  # last, after the typed facts


class NewApplicationForm(BootstrapForm):
    track = forms.ChoiceField(label="申报类型", choices=Track.choices, initial=Track.NEW)
    call = forms.ModelChoiceField(label="建设通知", queryset=None, required=False)
    lead_unit = forms.ModelChoiceField(label="牵头单位", queryset=None)
    engineering_center = forms.ModelChoiceField(label="转建的市工程技术研究中心（第十条）", queryset=None,
                                                required=False)
    upgrade_of = forms.ModelChoiceField(label="转正的筹建中心（第十一条）", queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)

        orgs = user.organisation_ids()
        self.fields["call"].queryset = Call.objects.open_now()
        self.fields["lead_unit"].queryset = Organisation.objects.filter(pk__in=orgs)
        self.fields["engineering_center"].queryset = EngineeringCenter.objects.filter(host_unit__in=orgs,
                                                                                      converted=False)
        self.fields["upgrade_of"].queryset = Center.objects.filter(host_unit__in=orgs, status="preparatory")


class AttachmentForm(BootstrapForm):
    kind = forms.ChoiceField(label="附件类型", choices=AttachmentKind.choices)
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。"})
