"""Forms of expert review. They only clean input; the services decide and write."""

from __future__ import annotations

from django import forms

from ticms.accounts.models import Organisation, User
from ticms.policy import current_policy

from .models import Expert
from .purposes import indicators_for, recommendations_for


def field_choices() -> list[tuple[str, str]]:
    return [(f, f) for f in current_policy().field_names]


class ExpertForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    title = forms.CharField(label="职称", max_length=50, required=False)
    organisation = forms.ModelChoiceField(
        label="工作单位（市内单位）", queryset=Organisation.objects.all(), required=False,
        help_text="市外专家不选，在下一栏填写单位名称。",
    )
    organisation_text = forms.CharField(label="工作单位（市外）", max_length=200, required=False)
    fields = forms.MultipleChoiceField(label="擅长领域", choices=(), widget=forms.CheckboxSelectMultiple)
    phone = forms.CharField(label="电话", max_length=30, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    user = forms.ModelChoiceField(
        label="系统账号", queryset=User.objects.filter(memberships__role="expert").distinct(), required=False,
        help_text="有账号的专家可在手机上声明回避并提交意见。",
    )
    active = forms.BooleanField(label="在库可抽取", required=False, initial=True)
    declared_ties = forms.ModelMultipleChoiceField(
        label="申报的关联单位（须回避）", queryset=Organisation.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = field_choices()
        known = {c for c, _ in choices}
        for value in self.initial.get("fields") or []:
            if value not in known:
                choices.append((value, value))
        self.fields["fields"].choices = choices
        bootstrap(self)


class PanelForm(forms.Form):
    size = forms.IntegerField(label="专家人数", min_value=1, max_value=30, initial=5)
    field = forms.ChoiceField(label="评审领域", choices=())
    site_visit_at = forms.DateTimeField(label="实地考察时间", required=False,
                                        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    site_visit_place = forms.CharField(label="实地考察地点", max_length=200, required=False)
    defence_at = forms.DateTimeField(label="现场答辩时间", required=False,
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    defence_place = forms.CharField(label="现场答辩地点", max_length=200, required=False)
    # No seed field: the system makes the seed (secrets) and audits it before the draw; nobody types it.
    excluded_experts = forms.ModelMultipleChoiceField(
        label="手动排除的专家（可不选）", queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="牵头、依托、共建单位的专家已自动回避；其他须排除的专家在此选择，并写明理由。")
    exclusion_reason = forms.CharField(label="排除理由", max_length=500, required=False,
                                       help_text="将记入审计日志，并在专家组页面公开。")
    redraw_reason = forms.CharField(label="重新抽取理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                                    required=False,
                                    help_text="已有专家组时必填：原专家组停用，未提交意见的专家不再参与评审。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["excluded_experts"].queryset = Expert.objects.filter(active=True).order_by("pk")
        choices = field_choices()
        if self.initial.get("field") and self.initial["field"] not in dict(choices):
            choices.insert(0, (self.initial["field"], self.initial["field"]))
        self.fields["field"].choices = choices
        bootstrap(self)


    def clean(self):
        data = super().clean()
        if data.get("excluded_experts") and not (data.get("exclusion_reason") or "").strip():
            self.add_error("exclusion_reason", "手动排除专家须写明理由。")
        return data

    def exclusions(self) -> dict[int, str]:
        reason = self.cleaned_data.get("exclusion_reason", "")
        return {e.pk: reason for e in self.cleaned_data.get("excluded_experts") or ()}


class OpinionForm(forms.Form):
    """One number field per indicator of the panel's purpose, then comment and recommendation."""

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators_for(panel)
        for ind in self.indicators:
            self.fields[f"score_{ind.code}"] = forms.DecimalField(
                label=f"{ind.name}（满分 {ind.max}）", min_value=0, max_value=ind.max, decimal_places=2,
                max_digits=6, widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )
        self.fields["recommendation"] = forms.ChoiceField(
            label="结论建议", choices=recommendations_for(panel.purpose), widget=forms.RadioSelect
        )
        self.fields["comment"] = forms.CharField(label="评审意见", widget=forms.Textarea(attrs={"rows": 5}),
                                                 max_length=10000)

    def score_fields(self):
        return [self[f"score_{ind.code}"] for ind in self.indicators]

    def scores(self) -> dict:
        return {ind.code: self.cleaned_data[f"score_{ind.code}"] for ind in self.indicators}


def bootstrap(form: forms.Form) -> forms.Form:
    """Give widgets Bootstrap's classes (the pages use plain Django forms)."""
    for f in form.fields.values():
        w = f.widget
        if isinstance(w, forms.CheckboxInput):
            w.attrs.setdefault("class", "form-check-input")
        elif isinstance(w, forms.CheckboxSelectMultiple | forms.RadioSelect):
            w.attrs.setdefault("class", "form-check-input")
        elif isinstance(w, forms.Select | forms.SelectMultiple):
            w.attrs.setdefault("class", "form-select")
        else:
            w.attrs.setdefault("class", "form-control")
    return form
