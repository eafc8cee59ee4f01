"""Django's own form messages in the words and punctuation of our pages.

Django's zh-hans catalogue says “这个字段是必须的” and “输入一个有效的 Email 地址。”, neither in our register nor
always punctuated; a form that sets its own `error_messages` keeps them. Installed from ticms.web.apps before any
form class of ours is declared: a field copies these defaults when it is created, so a later change would miss
the fields of forms already imported.
"""

from __future__ import annotations

from django import forms
from django.core import validators

FIELD_MESSAGES = {
    forms.Field: {"required": "此项为必填项。"},
    forms.IntegerField: {"invalid": "请输入整数。"},
    forms.DecimalField: {"invalid": "请输入数字。"},
    forms.FloatField: {"invalid": "请输入数字。"},
    forms.DateField: {"invalid": "请输入有效的日期（年-月-日，如 2026-11-26）。"},
    forms.DateTimeField: {"invalid": "请输入有效的日期和时间（如 2026-11-26 14:05）。"},
    forms.ChoiceField: {"invalid_choice": "所选项无效，请重新选择。"},
    forms.MultipleChoiceField: {"invalid_choice": "所选项无效，请重新选择。", "invalid_list": "请选择一项或多项。"},
    forms.ModelChoiceField: {"invalid_choice": "所选项不存在或已不可选，请重新选择。"},
    forms.ModelMultipleChoiceField: {
        "invalid_list": "请选择一项或多项。",
        "invalid_choice": "所选项不存在或已不可选，请重新选择。",
        "invalid_pk_value": "所选项无效，请重新选择。",
    },
    forms.FileField: {
        "invalid": "未收到文件，请重新选择。",
        "missing": "未收到文件，请重新选择。",
        "empty": "所选文件是空的。",
        "max_length": "文件名过长（最多 %(max)d 个字符，现为 %(length)d 个）。",
        "contradiction": "请上传新文件或勾选清除，不能同时选择。",
    },
}

VALIDATOR_MESSAGES = {
    validators.EmailValidator: "请输入有效的电子邮箱地址。",
    validators.MaxLengthValidator: "最多 %(limit_value)d 个字（现为 %(show_value)d 个）。",
    validators.MinLengthValidator: "至少 %(limit_value)d 个字（现为 %(show_value)d 个）。",
    validators.MaxValueValidator: "不能大于 %(limit_value)s。",
    validators.MinValueValidator: "不能小于 %(limit_value)s。",
    validators.StepValueValidator: "须为 %(limit_value)s 的整数倍。",
    validators.ProhibitNullCharactersValidator: "不能包含空字符。",
}

DECIMAL_MESSAGES = {
    "invalid": "请输入数字。",
    "max_digits": "总位数不能超过 %(max)s 位。",
    "max_decimal_places": "小数不能超过 %(max)s 位。",
    "max_whole_digits": "整数部分不能超过 %(max)s 位。",
}


def install() -> None:
    for field_class, messages in FIELD_MESSAGES.items():
        # Each class's own dict: Field.__init__ merges them along the MRO, so a subclass's entry wins.
        field_class.default_error_messages = {**field_class.__dict__.get("default_error_messages", {}), **messages}
    for validator_class, message in VALIDATOR_MESSAGES.items():
        validator_class.message = message
    validators.DecimalValidator.messages = {**validators.DecimalValidator.messages, **DECIMAL_MESSAGES}
