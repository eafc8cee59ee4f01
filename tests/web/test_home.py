from django.urls import reverse
from django.utils.html import format_html

from ticms.web import home


def test_home_is_public_and_links_to_the_public_sections(client, db):
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "朔州市技术创新中心管理系统" in page
    for path in ("/calls/", "/notices/", "/centers/", "/eligibility/", "/policy/"):
        assert f'href="{path}"' in page
    assert "依据《朔州市技术创新中心管理办法》" in page
    assert reverse("login") in page


def test_home_shows_sections_registered_by_apps(client, db):
    def notices(request):
        return ("最新公示", [format_html('<a href="{}">{}</a>', "/notices/1/", "2025年第一批公示")])

    home.register(notices)
    try:
        page = client.get(reverse("home")).content.decode()
    finally:
        home.unregister(notices)
    assert "最新公示" in page
    assert '<a href="/notices/1/">2025年第一批公示</a>' in page


def test_signed_in_user_sees_name_roles_and_sign_out(client, bureau_officer):
    client.force_login(bureau_officer)
    page = client.get(reverse("home")).content.decode()
    assert str(bureau_officer) in page
    assert f'action="{reverse("logout")}"' in page
    assert "退出登录" in page
    assert f'href="{reverse("workbench")}" id="ticms-enter"' in page  # the portal leads into the back office
    # The back office names the roles the user works in.
    assert "市科技局工作人员" in client.get(reverse("workbench")).content.decode()
