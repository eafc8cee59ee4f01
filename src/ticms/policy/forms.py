from django import forms
from django.utils.translation import gettext_lazy as _


class CalendarYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2200)
    file = forms.FileField(label=_("CSV file"), required=False)
    text = forms.CharField(
        label=_("Or paste the lines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "placeholder": "2027-01-01,休,元旦\n2027-02-06,班,春节调休上班"}),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("text") or ""
        if upload:
            raw = upload.read(1024 * 1024 + 1)
            if len(raw) > 1024 * 1024:
                raise forms.ValidationError(_("The file is too large (at most 1 MB)."))
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    text = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise forms.ValidationError(_("The file is not a text (CSV) file."))
        if not text.strip():
            raise forms.ValidationError(_("Upload a CSV file or paste the lines."))
        data["schedule_text"] = text
        return data
