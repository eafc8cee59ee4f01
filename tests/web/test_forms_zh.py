"""Forms speak Chinese and render values their inputs accept: the notice form's date, its labelled row inputs,
the change-request form's fields grouped by type, and Django's own messages replaced."""

import re

import pytest
from django.utils import timezone

from tests.notices.factories import ready_application

pytestmark = pytest.mark.django_db


def test_new_notice_start_date_is_iso_for_the_date_input_and_row_inputs_are_labelled(client, bureau_officer):
    app = ready_application()
    client.force_login(bureau_officer)
    html = client.get("/notices/new/").content.decode()
    date_input = re.search(r'<input[^>]*name="starts_on"[^>]*>', html).group(0)
    assert 'type="date"' in date_input and f'value="{timezone.localdate().isoformat()}"' in date_input
    for name in (f"proposed_{app.pk}", f"center_name_{app.pk}", f"include_{app.pk}"):
        assert re.search(rf'<label[^>]*for="id_{name}"', html), name


def test_new_notice_errors_are_chinese(client, bureau_officer):
    ready_application()
    client.force_login(bureau_officer)
    html = client.post("/notices/new/", {"title": "", "starts_on": "11月26日", "contact_email": "x"}).content
    html = html.decode()
    assert "此项为必填项。" in html
    assert "请输入有效的日期（年-月-日，如 2026-11-26）。" in html
    assert "请输入有效的电子邮箱地址。" in html
    assert "这个字段是必须的" not in html and "Email" not in html


def test_change_request_fields_are_grouped_by_type(client, applicant, organisation, bureau_officer):
    from tests.centers.factories import make_center

    center = make_center(organisation, bureau=bureau_officer)
    client.force_login(applicant)
    html = client.get(f"/centers/{center.pk}/changes/new/").content.decode()
    assert re.search(r'data-shown-for="rename">\s*<label[^>]*for="id_new_name"', html)
    assert re.search(r'data-shown-for="host_unit other:lead_unit">\s*<label[^>]*for="id_new_unit"', html)
    assert re.search(r'data-shown-for="other:legal_form">\s*<label[^>]*for="id_new_target_date"', html)
    # The reasons belong to every type.
    assert not re.search(r'data-shown-for="[^"]*">\s*<label[^>]*for="id_reasons"', html)


def test_django_messages_are_replaced_everywhere_fields_are_made():
    from django import forms

    class Probe(forms.Form):
        n = forms.IntegerField(max_value=5)
        s = forms.CharField(max_length=2)
        c = forms.ChoiceField(choices=[("a", "甲")])

    errors = Probe({"n": "x", "s": "abc", "c": "z"}).errors
    assert errors == {"n": ["请输入整数。"], "s": ["最多 2 个字（现为 3 个）。"], "c": ["所选项无效，请重新选择。"]}
    assert Probe({"n": "9", "s": "", "c": ""}).errors == {
        "n": ["不能大于 5。"],
        "s": ["此项为必填项。"],
        "c": ["此项为必填项。"],
    }


def test_self_check_update_with_an_invalid_field_names_it_in_chinese(client):
    response = client.get("/eligibility/", {"fixed_staff": "-5", "floor_area_m2": "abc"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 400  # shown by htmx (responseHandling in web/layout/page.html), not dropped
    assert 'id="eligibility-invalid"' in html and "改正后自查结果才会更新" in html
    assert "不能为负数" in html and "请输入数字。" in html
