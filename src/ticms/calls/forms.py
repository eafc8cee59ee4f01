from django import forms

from ticms.applications.forms import BootstrapForm
from ticms.applications.policy_adapter import field_names
from ticms.documents.uploads import upload_hint

from .models import CallFileKind


class CallForm(BootstrapForm):
    title = forms.CharField(label="标题", max_length=200)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100,
                              error_messages={"min_value": "年度应在2000至2100之间。",
                                              "max_value": "年度应在2000至2100之间。"})
    fields = forms.MultipleChoiceField(label="领域（不选表示全部领域）", required=False,
                                       widget=forms.CheckboxSelectMultiple)
    opens = forms.DateField(label="开始申报日期", widget=forms.DateInput(attrs={"type": "date"}))
    closes = forms.DateField(label="截止申报日期", widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label="通知正文", required=False, widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = [(n, n) for n in field_names()]

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] < data["opens"]:
            self.add_error("closes", "截止日期不能早于开始日期。")
        return data


class CallFileForm(BootstrapForm):
    kind = forms.ChoiceField(label="附件类型", choices=CallFileKind.choices)
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_hint()
