"""Forms of the evaluation pages (Chinese labels and errors; money entered in 万元)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from .metrics import DATA_FIELDS, MAX_COUNT


class RoundForm(forms.Form):
    year = forms.IntegerField(label="评估年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="批次名称", max_length=200, required=False,
                            help_text="留空则为“××××年度市技术创新中心绩效评估”")
    materials_deadline = forms.DateField(label="材料提交截止日期", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_materials_deadline(self):
        value = self.cleaned_data["materials_deadline"]
        if value < timezone.localdate():
            raise forms.ValidationError("材料提交截止日期不能早于今天。")
        return value


class MaterialsForm(forms.Form):
    """The self-assessment and, for each year of the period, each data field (named "YEAR__code")."""

    self_assessment = forms.CharField(label="自评报告", widget=forms.Textarea(attrs={"rows": 8}), required=False,
                                      max_length=50_000)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = [str(y) for y in years]
        for year in self.years:
            for f in DATA_FIELDS:
                kw = {"label": f"{year}年 {f.label}", "required": False, "min_value": 0}
                if f.kind == "money":
                    field = forms.DecimalField(max_digits=14, decimal_places=4, max_value=Decimal("100000000"), **kw)
                else:
                    field = forms.IntegerField(max_value=MAX_COUNT, **kw)
                self.fields[f"{year}__{f.code}"] = field

    def rows(self):
        """[(year, [bound fields])] for the table."""
        return [(year, [self[f"{year}__{f.code}"] for f in DATA_FIELDS]) for year in self.years]

    def indicator_data(self) -> dict:
        data: dict[str, dict] = {}
        for year in self.years:
            data[year] = {f.code: self.cleaned_data.get(f"{year}__{f.code}") for f in DATA_FIELDS}
        return data


class ConcludeForm(forms.Form):
    OUTCOMES = [("retain", "保留"), ("rectify", "整改"), ("revoke", "撤销")]
    GRADES = [("", "按分数线"), ("excellent", "优秀"), ("good", "良好"), ("pass", "合格")]

    outcome = forms.ChoiceField(label="评估结论", choices=OUTCOMES, widget=forms.RadioSelect)
    grade = forms.ChoiceField(label="等级（保留时）", choices=GRADES, required=False)
    deadline = forms.DateField(label="整改期限（整改时）", required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    comment = forms.CharField(label="结论说明 / 整改要求 / 偏离分数线的理由", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)
    expected_state = forms.CharField(widget=forms.HiddenInput, required=False)


class ReportForm(forms.Form):
    report = forms.CharField(label="整改报告", widget=forms.Textarea(attrs={"rows": 8}), max_length=50_000)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")
