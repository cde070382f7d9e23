"""Chinese numerals: given the written number, this value."""
import pytest

from transforms.shared.numerals import parse_chinese_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("十三", 13),  # 第十三届 -> term 13
        ("十", 10),
        ("二十三", 23),  # 第二十三次主任会议
        ("一百零五", 105),
        ("一百一十", 110),
        ("两", 2),
        ("两千零二十四", 2024),
        ("〇", 0),
        ("二〇二四", 2024),  # a year read digit by digit
        ("廿三", 23),  # 廿三日
        ("一万二千", 12000),
        ("一万零五百", 10500),
        ("一亿二千万", 120_000_000),
        ("八点五", 8.5),
        ("百分之八点五", 8.5),  # a percentage returns its number
        ("百分之六", 6),
        ("１３", 13),  # full-width digits
        ("２０２４", 2024),
        ("8.5", 8.5),
        ("8.5%", 8.5),
        ("６．５", 6.5),
        ("负三", -3),
    ],
)
def test_reads_the_number(written, value):
    assert parse_chinese_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["", "第三", "点五", "三届", "abc", "八点", "1.5万"])
def test_returns_none_for_what_is_not_one_number(written):
    assert parse_chinese_number(written) is None
