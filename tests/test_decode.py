"""Decoding: given these bytes, this text and encoding, or this rejection."""
from __future__ import annotations

import opencc
import pytest
from conftest import read_article, sample_text

from transforms.text.decode import Decoded, Undecodable, common_han_share, decode_bytes
from transforms.text.normalize import normalize
from transforms.shared.vocab import RejectReason, codes

S2T = opencc.OpenCC("s2t")
SIMPLIFIED = "县委召开常委会会议,传达学习全省经济工作会议精神,研究部署今年经济工作。县委书记主持会议并讲话。"
TRADITIONAL = "縣委召開常委會會議,傳達學習全省經濟工作會議精神,研究部署今年經濟工作。縣委書記主持會議並講話。"


def _decoded(data: bytes) -> Decoded:
    result = decode_bytes(data)
    assert isinstance(result, Decoded), result
    return result


def test_utf8_with_and_without_bom():
    assert _decoded(SIMPLIFIED.encode("utf-8")) == Decoded(SIMPLIFIED, "utf-8")
    assert _decoded(b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8")) == Decoded(SIMPLIFIED, "utf-8-sig")


def test_utf16_with_bom():
    assert _decoded(TRADITIONAL.encode("utf-16")) == Decoded(TRADITIONAL, "utf-16")


def test_simplified_gb18030():
    assert _decoded(SIMPLIFIED.encode("gb18030")) == Decoded(SIMPLIFIED, "gb18030")


def test_traditional_big5_that_also_decodes_as_gb18030():
    data = TRADITIONAL.encode("big5")
    garbage = data.decode("gb18030")  # strict GB18030 accepts these bytes: the trap
    assert garbage != TRADITIONAL and common_han_share(garbage) < 0.3
    assert _decoded(data) == Decoded(TRADITIONAL, "big5")


def test_traditional_in_gb18030_stays_gb18030():
    assert _decoded(TRADITIONAL.encode("gb18030")) == Decoded(TRADITIONAL, "gb18030")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_articles_in_every_encoding(prefix):
    simplified = normalize(sample_text(prefix)).text  # glosses removed: every character encodable
    traditional = S2T.convert(simplified)
    traditional = traditional.encode("big5", errors="ignore").decode("big5")
    for text, encoding in ((simplified, "gb18030"), (traditional, "big5"), (traditional, "gb18030"), (simplified, "utf-8")):
        assert _decoded(text.encode(encoding)) == Decoded(text, encoding)


def test_multibyte_character_cut_at_the_end_is_dropped():
    data = SIMPLIFIED.encode("gb18030")[:-1]  # half of the final 。
    result = _decoded(data)
    assert result.encoding == "gb18030" and result.text == SIMPLIFIED[:-1]


def test_a_broken_byte_in_a_long_article_decodes_lossily():
    data = bytearray((SIMPLIFIED * 20).encode("gb18030"))
    data[200] = 0xFF
    result = _decoded(bytes(data))
    assert result.encoding == "gb18030 (lossy)" and 1 <= result.text.count("\ufffd") <= 2


@pytest.mark.parametrize(
    "data, reason, says",
    [
        (b"", "empty", "empty"),
        (b"  \r\n\t ", "empty", "empty"),
        (b"\xef\xbb\xbf", "empty", "empty"),
        (b"%PDF-1.7\n...", "not_text", "PDF"),
        (b"PK\x03\x04rest-of-a-docx", "not_text", "ZIP"),
        (b"abc\x00def" * 10, "not_text", "NUL"),
        (bytes(range(1, 9)) * 50 + SIMPLIFIED.encode("utf-8"), "not_text", "control"),
        (bytes((i * 37) % 128 + 128 for i in range(3000)), "undecodable", "UTF-8"),
    ],
)
def test_rejections_say_why_and_what_to_do(data, reason, says):
    result = decode_bytes(data)
    assert isinstance(result, Undecodable)
    assert result.reason == reason and reason in codes(RejectReason)
    assert says in result.detail and result.detail.endswith(".")
    assert any(verb in result.detail for verb in ("remove", "re-save", "re-crawl"))


def test_dev_articles_round_trip(shared_dir):
    for path in sorted((shared_dir / "corpus").glob("*/*.txt")):
        simplified = normalize(read_article(path)).text
        traditional = S2T.convert(simplified).encode("big5", errors="ignore").decode("big5")
        assert _decoded(simplified.encode("gb18030")).text == simplified, path.name
        assert _decoded(traditional.encode("big5")).text == traditional, path.name
