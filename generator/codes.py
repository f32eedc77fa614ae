"""全国地方公共団体コード: the check digit of the six-digit local government code."""

from __future__ import annotations

WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(code5: str) -> int:
    """The sixth digit of a code whose first five digits are `code5`."""
    total = sum(int(digit) * weight for digit, weight in zip(code5, WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def check_digit_ok(code: str) -> bool:
    return check_digit(code[:5]) == int(code[5])


def with_check_digit(code5: str) -> str:
    """'13101' → '131016' (the five-digit JIS code as the six-digit local government code)."""
    return code5 + str(check_digit(code5))
