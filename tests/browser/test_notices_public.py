"""A member of the public raises an objection on a published notice, without signing in (Art. 9(4))."""

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from ticms.notices.models import Objection

from ..notices.factories import published_notice

# The notice starts "today" and the objection must fall inside its period: the clock is frozen in a year the
# holiday calendar knows (time-machine patches the clock process-wide, so the live server's thread sees it too).
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("frozen_today")]


def test_public_raises_an_objection_on_a_published_notice(page, live_server, bureau_officer):
    notice = published_notice(bureau_officer)
    page.goto(f"{live_server.url}/notices/")
    page.get_by_role("link", name=notice.title).click()
    expect(page.locator("#period")).to_contain_text(notice.period_zh)
    page.get_by_role("link", name="提出异议").click()
    page.get_by_label("真实姓名").fill("赵公民")
    page.get_by_label("工作单位").fill("朔州市某研究所")
    page.get_by_label("联系电话").fill("13900002222")
    page.get_by_label("异议内容（事实和理由）").fill("该单位使用面积与实际不符。")
    # Read the captcha as a person would from its image: its stored answer.
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交异议").click()
    objection = Objection.objects.get()
    expect(page.locator("#reference")).to_have_text(objection.reference)
    assert objection.name == "赵公民" and objection.state == "open"
