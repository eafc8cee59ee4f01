"""Forms of the registry pages. They parse what was typed (万元 → yuan); the services decide what is allowed
and their ServiceError lands on the right field through `ticms.web.feedback.form_errors`."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from ticms.accounts.models import Organisation
from ticms.money import to_wan, to_yuan, wan_field
from ticms.policy import current_policy

from .models import Category, ChangeRequest, Filing, LegalForm, Output, Support

DATE = forms.DateInput(attrs={"type": "date"})


class StyledForm(forms.Form):
    """Bootstrap classes on every widget, and invalid fields marked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control"
            widget.attrs["class"] = f"{css} form-control-sm" if css == "form-control" else f"{css} form-select-sm"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] += " is-invalid"


def field_choices(blank: str = "全部领域") -> list[tuple[str, str]]:
    return [("", blank)] + [(f.name, f.name) for f in current_policy().fields]


class ProfileForm(StyledForm):
    legal_form = forms.ChoiceField(label="法人形态（第十二条）", required=False,
                                   choices=[("", "（未登记）"), *LegalForm.choices])
    legal_form_target_date = forms.DateField(label="计划成为独立法人日期（内设机构填写）", required=False, widget=DATE)
    charter = forms.CharField(label="章程（要点）", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    board = forms.CharField(label="理事会（董事会）组成", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    fixed_staff = forms.IntegerField(label="固定人员（人）", required=False, min_value=0, max_value=100_000)
    visiting_staff = forms.IntegerField(label="流动人员（人）", required=False, min_value=0, max_value=100_000)
    floor_area_m2 = forms.DecimalField(label="使用面积（平方米）", required=False, min_value=0,
                                       max_value=Decimal("10000000"), decimal_places=2)
    equipment_value_wan = wan_field("科研仪器设备原值（万元）")
    partner_units = forms.ModelMultipleChoiceField(label="共建单位", required=False,
                                                   queryset=Organisation.objects.all(),
                                                   widget=forms.SelectMultiple(attrs={"size": 6}))

    @classmethod
    def initial_for(cls, center) -> dict:
        return {
            "legal_form": center.legal_form, "legal_form_target_date": center.legal_form_target_date,
            "charter": center.charter, "board": center.board, "fixed_staff": center.fixed_staff,
            "visiting_staff": center.visiting_staff, "floor_area_m2": center.floor_area_m2,
            "equipment_value_wan": to_wan(center.equipment_value), "partner_units": list(center.partner_units.all()),
        }

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data["equipment_value"] = to_yuan(data.pop("equipment_value_wan"))
        data["partner_units"] = [o.pk for o in data["partner_units"]]
        return data


class SubInstituteForm(StyledForm):
    name = forms.CharField(label="名称", max_length=200)
    focus = forms.CharField(label="研究方向", max_length=300, required=False)
    opened_on = forms.DateField(label="设立日期", widget=DATE)


class CloseSubInstituteForm(StyledForm):
    closed_on = forms.DateField(label="撤并日期", widget=DATE)
    closing_reason = forms.CharField(label="撤并原因", max_length=300)


class OutputForm(StyledForm):
    kind = forms.ChoiceField(label="成果类型", choices=Output.Kind.choices)
    title = forms.CharField(label="名称", max_length=300)
    year = forms.IntegerField(label="年度", min_value=1980, max_value=2100)
    reference = forms.CharField(label="编号（专利号、标准号、企业信用代码等）", max_length=100, required=False)
    carries_center_name = forms.NullBooleanField(label="是否标注市创中心名称（知识产权填写，第十四条）", required=False)
    income_wan = wan_field("转化收入（万元，技术转移转化填写）")
    note = forms.CharField(label="说明", max_length=500, required=False)


class FilingForm(StyledForm):
    kind = forms.ChoiceField(label="备案事项", choices=Filing.Kind.choices)
    person_name = forms.CharField(label="中心主任 / 专家委员会主任姓名", max_length=100)
    person_title = forms.CharField(label="职称", max_length=50, required=False,
                                   help_text="中心主任应具有高级专业技术职称（第八条第（二）项）。")
    members = forms.CharField(label="专家委员会委员（每行一人：姓名 职称 单位）", required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    appointed_on = forms.DateField(label="任命 / 聘任日期", widget=DATE)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ChangeRequestForm(StyledForm):
    kind = forms.ChoiceField(label="变更类型", choices=ChangeRequest.Kind.choices)
    new_name = forms.CharField(label="新名称（变更名称时填写）", max_length=200, required=False,
                               help_text="须符合统一命名格式“朔州市××技术创新中心”（第九条第（四）项）。")
    new_unit = forms.ModelChoiceField(label="新依托单位 / 新牵头单位", required=False,
                                      queryset=Organisation.objects.all(), empty_label="（请选择）")
    matter = forms.ChoiceField(label="其他重大事项", required=False,
                               choices=[("", "（变更其他重大事项时选择）"), *ChangeRequest.Matter.choices])
    new_target_date = forms.DateField(label="计划成为独立法人日期（改为内设机构时填写）", required=False,
                                      widget=DATE)
    reasons = forms.CharField(label="变更理由（书面申请）", widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label="附件（书面申请、决议等，可选）", required=False)

    # Which change each field belongs to: "<kind>" or "<kind>:<matter>" (centers/form.html puts it on the field's
    # wrapper; web/ticms.js shows only the chosen type's fields). The service checks each kind's fields again and
    # ignores the others (operations._clean_change), so a value typed before switching types is never stored.
    SHOWN_FOR = {
        "new_name": "rename",
        "new_unit": "host_unit other:lead_unit",
        "matter": "other",
        "new_value": "other:category other:field other:legal_form",
        "new_target_date": "other:legal_form",
    }

    def __init__(self, *args, edit: bool = False, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # Editing keeps the type: the page shows that type's fields.
        self.fixed_kind = kind if edit else ""
        if edit:
            del self.fields["kind"]
        value_choices = [("", "（请选择）")]
        value_choices += [(c.value, f"类别：{c.label}") for c in Category]
        value_choices += [(c.value, f"法人形态：{c.label}") for c in LegalForm]
        value_choices += [(f.name, f"领域：{f.name}") for f in current_policy().fields]
        self.fields["new_value"] = forms.ChoiceField(label="新类别 / 新领域 / 新法人形态", required=False,
                                                     choices=value_choices)
        for name, shown_for in self.SHOWN_FOR.items():
            self.fields[name].shown_for = shown_for
        self.style()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("file", None)
        data.pop("kind", None)
        return data


class SupportForm(StyledForm):
    kind = forms.ChoiceField(label="支持类型（第十七条）", choices=Support.Kind.choices)
    title = forms.CharField(label="名称", max_length=300)
    year = forms.IntegerField(label="年度", min_value=1980, max_value=2100)
    amount_wan = wan_field("金额（万元）")
    note = forms.CharField(label="说明", max_length=500, required=False)


class VisitForm(StyledForm):
    visited_on = forms.DateField(label="检查日期", widget=DATE)
    findings = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label="整改跟进要求", required=False, widget=forms.Textarea(attrs={"rows": 2}))
