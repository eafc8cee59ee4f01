"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters: registration authority (1), organisation kind (1), administrative division (6),
organisation code (9), check character (1). The check character is computed over the first 17
with weights 3^i mod 31 and the 31-character alphabet below (no I, O, Z, S, V).
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


class CreditCodeError(ValueError):
    pass


def check_character(first17: str) -> str:
    total = 0
    for ch, weight in zip(first17, WEIGHTS, strict=True):
        if ch not in _VALUE:
            raise CreditCodeError(f"字符“{ch}”不能出现在统一社会信用代码中")
        total += _VALUE[ch] * weight
    return ALPHABET[(31 - total % 31) % 31]


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def validate(code: str) -> str:
    """Return the normalised code or raise CreditCodeError with a message a user can act on."""
    code = normalise(code)
    if len(code) != 18:
        raise CreditCodeError(f"统一社会信用代码应为18位，当前为{len(code)}位")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(f"统一社会信用代码校验位不正确（末位应为“{expected}”，实为“{code[17]}”）")
    if not code[2:8].isdigit():
        raise CreditCodeError("统一社会信用代码第3至8位应为行政区划代码（数字）")
    return code


def division_code(code: str) -> str:
    """The six-digit administrative division code inside a credit code (positions 3-8)."""
    return normalise(code)[2:8]


def make(prefix17_without_check: str) -> str:
    """Complete a 17-character stem with its check character (for demo data and tests)."""
    stem = normalise(prefix17_without_check)
    return stem + check_character(stem)
