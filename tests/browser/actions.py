"""Clicking through a record's action panel (web/includes/transitions.html) and the confirmation dialog."""

import re

from playwright.sync_api import expect


def confirm_dialog(page, says: str = ""):
    """Answer 确定 in the styled confirmation dialog (web/includes/confirm_dialog.html); the form then submits."""
    dialog = page.locator("#ticms-confirm")
    expect(dialog).to_be_visible()
    if says:
        expect(dialog).to_contain_text(says)
    with page.expect_navigation():
        dialog.locator("#ticms-confirm-ok").click()
    page.wait_for_load_state()


def choose_action(page, name: str, comment: str = ""):
    """Choose outcome `name` in the panel that offers it, type the 意见, submit, and confirm if it is dangerous."""
    choice = f"input[name=transition][value={name}]"
    form = page.locator("form[data-action-panel]", has=page.locator(choice))
    radio = form.locator(choice)
    radio.check()
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    submit = form.locator("[data-panel-submit]")
    if radio.get_attribute("data-confirm") is not None:
        expect(submit).to_have_class(re.compile(r"\bbtn-danger\b"))
        submit.click()
        confirm_dialog(page, "此操作无法撤销")
        return
    with page.expect_navigation():
        submit.click()
    page.wait_for_load_state()
