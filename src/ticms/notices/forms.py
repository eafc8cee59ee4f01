"""Forms of notices and objections; the services decide and write."""

from __future__ import annotations

from captcha.fields import CaptchaField
from django import forms
from django.utils import timezone

from ticms.reviews.forms import bootstrap

from .models import Proposed
from .services import default_center_name


class NoticeForm(forms.Form):
    title = forms.CharField(label="公示标题", max_length=200,
                            initial="关于拟认定朔州市技术创新中心的公示")
    starts_on = forms.DateField(label="公示开始日期", initial=timezone.localdate,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                                help_text="不能早于今天。截止日期按五个工作日自动计算，发布当天是工作日的计入；"
                                          "发布时原定开始日期已过的，自发布当日起算。")
    contact_phone = forms.CharField(label="异议受理电话", max_length=50)
    contact_email = forms.EmailField(label="异议受理邮箱", required=False)
    contact_address = forms.CharField(label="异议受理地址", max_length=200, required=False)
    text = forms.CharField(label="公示说明", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                           initial="根据《朔州市技术创新中心管理办法》第九条，现将拟认定的市技术创新中心予以公示。"
                                   "如有异议，请在公示期内实名提出。")

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = list(applications)
        for app in self.applications:
            default = Proposed.PREPARATORY if app.proposed_outcome == Proposed.PREPARATORY else Proposed.RECOGNIZE
            self.fields[f"include_{app.pk}"] = forms.BooleanField(label=str(app), required=False)
            self.fields[f"proposed_{app.pk}"] = forms.ChoiceField(
                label="公示结论", choices=Proposed.choices, initial=default)
            self.fields[f"center_name_{app.pk}"] = forms.CharField(
                label="拟定中心名称", max_length=200, initial=default_center_name(app), required=False,
                help_text="格式：朔州市××技术创新中心，留空则按领域命名；同一领域已有中心时，请以细分领域区分。")
        bootstrap(self)

    def rows(self):
        return [(app, self[f"include_{app.pk}"], self[f"proposed_{app.pk}"], self[f"center_name_{app.pk}"])
                for app in self.applications]

    def chosen(self):
        """(applications, proposed by id, center name by id) of the ticked rows."""
        apps = [a for a in self.applications if self.cleaned_data.get(f"include_{a.pk}")]
        return (apps, {a.pk: self.cleaned_data[f"proposed_{a.pk}"] for a in apps},
                {a.pk: self.cleaned_data.get(f"center_name_{a.pk}") or "" for a in apps})

    def clean(self):
        data = super().clean()
        if not any(data.get(f"include_{a.pk}") for a in self.applications):
            raise forms.ValidationError("请至少勾选一项申请列入公示。")
        return data


class ObjectionForm(forms.Form):
    # Not required here: the service refuses an anonymous objection with its article (Art. 9(4)), one rule.
    name = forms.CharField(label="真实姓名", max_length=50, required=False)
    organisation = forms.CharField(label="工作单位", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    content = forms.CharField(label="异议内容（事实和理由）", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    # Drawn by this server (django-simple-captcha, as on the sign-in page): works without the internet.
    captcha = CaptchaField(label="验证码", error_messages={"invalid": "验证码不正确，请重新输入。",
                                                         "required": "请输入验证码。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "captcha"}
