"""The every-page checker's reading of on-screen text: English words and code are found, proper names are not."""

from .pagecheck import foreign_words


def test_english_words_and_codes_are_found():
    assert foreign_words("操作：auth.sign_in 对象 reviews.opinion:28") == ["auth.sign_in", "reviews.opinion:28"]
    assert foreign_words("草稿 → published") == ["published"]


def test_python_values_and_placeholders_are_found():
    assert foreign_words("详情 {'from': 'draft'}")[0] == "{'from': 'draft'}"
    assert "{field}" in foreign_words("朔州市{field}技术创新中心")
    assert "None" in foreign_words("负责人：None")


def test_proper_names_numbers_and_addresses_are_allowed():
    text = (
        "SM3 摘要、SM4 加密，API 令牌，导出 XLSX、PDF、DOCX；ICP备案号；TOTP 动态口令；申报编号 SZCX-2026-0004；"
        "联系 office@example.gov.cn，网址 https://kjj.shuozhou.gov.cn/a?b=1；附件 方案.pdf；GB/T 9704-2012"
    )
    assert foreign_words(text) == []
