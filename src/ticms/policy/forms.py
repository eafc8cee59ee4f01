from django import forms


class CalendarYearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2200)
    file = forms.FileField(label="CSV 文件", required=False)
    text = forms.CharField(
        label="或粘贴各行内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "2027-01-01,休,元旦\n2027-02-06,班,春节调休上班"}),
    )
    source = forms.CharField(label="来源", required=False, max_length=200)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("text") or ""
        if upload:
            raw = upload.read(1024 * 1024 + 1)
            if len(raw) > 1024 * 1024:
                raise forms.ValidationError("文件过大（不超过1 MB）。")
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    text = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise forms.ValidationError("该文件不是文本（CSV）文件。")
        if not text.strip():
            raise forms.ValidationError("请上传 CSV 文件或粘贴各行内容。")
        data["schedule_text"] = text
        return data
