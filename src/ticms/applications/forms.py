"""The 申请书 form (amounts in 万元, stored in yuan) and the public self-check form."""

from __future__ import annotations

from django import forms

from ticms.accounts.models import Organisation
from ticms.calls.models import Call
from ticms.centers.models import Center, EngineeringCenter
from ticms.money import to_wan, to_yuan, wan_field

from .eligibility import FACT_FIELDS
from .models import AttachmentKind, Category, Track
from .policy_adapter import field_names

MONEY_FIELDS = ("equipment_value", "rd_investment_y1", "rd_investment_y2", "rd_investment_y3")
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



def count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=1_000_000,
                              error_messages={"min_value": "不能为负数。", "max_value": "数值过大，请核对。",
                                              "invalid": "请输入整数。"})


class FactsForm(BootstrapForm):
    """The facts Art. 8 checks; shared by the application form and the public self-check."""

    field = forms.ChoiceField(label="领域（重点产业集群）", required=False)
    independent_legal_person = forms.TypedChoiceField(label="牵头单位具有独立法人资格", choices=TRI_STATE,
                                                      coerce=_tri, empty_value=None, required=False)
    director_title = forms.CharField(label="负责人职称", max_length=50, required=False,
                                     help_text="如：正高级工程师、教授、研究员、副教授")
    fixed_staff = count_field("固定人员（人）")
    floor_area_m2 = forms.DecimalField(label="使用面积（平方米）", required=False, min_value=0, max_value=10**7,
                                       max_digits=10, decimal_places=2,
                                       error_messages={"min_value": "不能为负数。", "max_value": "数值过大，请核对。",
                                                       "invalid": "请输入数字。"})
    equipment_value = wan_field("科研仪器设备原值（万元）")
    rd_investment_y1 = wan_field("研发投入（万元）")
    rd_investment_y2 = wan_field("研发投入（万元）")
    rd_investment_y3 = wan_field("研发投入（万元）")
    ip_asset_count = count_field("自主知识产权（项）")

    def __init__(self, *args, year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", "请选择")] + [(n, n) for n in field_names()]
        if year:
            for i, key in enumerate(("rd_investment_y1", "rd_investment_y2", "rd_investment_y3")):
                self.fields[key].label = f"{year - 3 + i}年研发投入（万元）"

    def yuan_values(self) -> dict:
        """Cleaned values with amounts converted from 万元 to yuan."""
        data = dict(self.cleaned_data)
        for key in MONEY_FIELDS:
            if data.get(key) is not None:
                data[key] = to_yuan(data[key])
        return data


class ApplicationForm(FactsForm):
    category = forms.ChoiceField(label="类别", choices=Category.choices)
    name = forms.CharField(label="拟建中心名称（简称）", max_length=200, required=False)
    partner_units = forms.ModelMultipleChoiceField(label="共建单位", queryset=Organisation.objects.none(),
                                                   required=False)
    director = forms.CharField(label="中心负责人", max_length=100, required=False)
    visiting_staff = count_field("流动人员（人）")
    ip_assets = forms.CharField(label="知识产权清单", required=False, max_length=20000, widget=forms.Textarea(
        attrs={"rows": 3}))
    achievements = forms.CharField(label="主要科技成果", required=False, max_length=20000,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    construction_plan = forms.CharField(label="建设方案（概要）", required=False, max_length=20000,
                                        widget=forms.Textarea(attrs={"rows": 6}))
    integrity_declaration = forms.BooleanField(
        label="本单位承诺：所填信息真实准确，不存在重大安全、重大质量、严重环境问题或违法失信情况（第八条第（四）项）",
        required=False)
    integrity_signer = forms.CharField(label="承诺人（法定代表人或授权人）", max_length=100, required=False)
    requests_preparatory = forms.BooleanField(label="如不能完全满足条件，申请列为筹建对象（第十一条）", required=False)
    preparatory_reason = forms.CharField(label="申请筹建的理由（创新优势或发展急需）", required=False, max_length=20000,
                                         widget=forms.Textarea(attrs={"rows": 3}))

    SECTIONS = [
        ("类别与领域", ("category", "field", "name")),
        ("牵头、依托与共建单位", ("independent_legal_person", "partner_units")),
        ("中心负责人", ("director", "director_title")),
        ("人员、场所与设备", ("fixed_staff", "visiting_staff", "floor_area_m2", "equipment_value")),
        ("近三年研发投入", ("rd_investment_y1", "rd_investment_y2", "rd_investment_y3")),
        ("知识产权与成果", ("ip_asset_count", "ip_assets", "achievements")),
        ("建设方案", ("construction_plan",)),
        ("筹建申请（第十一条）", ("requests_preparatory", "preparatory_reason")),
        ("诚信承诺", ("integrity_declaration", "integrity_signer")),
    ]

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, year=application.year if application else None, **kwargs)
        qs = Organisation.objects.order_by("name")
        if application is not None:
            qs = qs.exclude(pk=application.lead_unit_id)
        self.fields["partner_units"].queryset = qs

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def changes(self) -> dict:
        data = self.yuan_values()
        data.pop("partner_units", None)
        return data


def initial_for(application) -> dict:
    initial = {name: getattr(application, name) for name in FACT_FIELDS}
    for key in MONEY_FIELDS:
        if initial.get(key) is not None:
            initial[key] = to_wan(initial[key], exact=True)
    ilp = initial.get("independent_legal_person")
    initial["independent_legal_person"] = "" if ilp is None else ("true" if ilp else "false")
    initial["partner_units"] = list(application.partner_units.values_list("pk", flat=True))
    return initial


class SelfCheckForm(FactsForm):
    credit_code = forms.CharField(label="牵头单位统一社会信用代码", max_length=18, required=False)
    application_year = forms.IntegerField(label="申报年度", min_value=2000, max_value=2100, required=False)
    integrity_clean = forms.TypedChoiceField(label="不存在重大安全、质量、环境问题或违法失信情况", choices=TRI_STATE,
                                             coerce=_tri, empty_value=None, required=False)
    field_order = ["credit_code", "application_year"]


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
