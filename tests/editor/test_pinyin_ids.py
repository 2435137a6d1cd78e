"""Pinyin id suggestions for Chinese unit names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.load.tree import ID_RE
from generator.editor.ids import suggest_id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("新疆师范大学", "xinjiang-shifan-daxue"),
        ("华东师范大学", "huadong-shifan-daxue"),
        ("北京师范大学", "beijing-shifan-daxue"),
        ("中国科学技术大学", "zhongguo-kexue-jishu-daxue"),
        ("平武县卫生局", "pingwu-xian-weishengju"),
        ("文山县", "wenshan-xian"),
        ("沙子坡村", "shazipo-cun"),
        ("宜良县红十字会医院", "yiliang-xian-hongshizihui-yiyuan"),
        ("草甸乡中心卫生院", "caodian-xiang-zhongxin-weishengyuan"),
        ("钟山区人民医院", "zhongshan-qu-renmin-yiyuan"),
        ("ABC学校", "abc-xuexiao"),
        ("  新华小学 ", "xinhua-xiaoxue"),
    ],
)
def test_suggested_ids(name: str, expected: str) -> None:
    assert suggest_id(name) == expected


def test_nothing_to_spell_gives_empty() -> None:
    assert suggest_id("！！") == ""
    assert suggest_id("") == ""


@given(st.text(max_size=80))
def test_any_name_gives_a_valid_id_or_nothing(name: str) -> None:
    rid = suggest_id(name)
    assert rid == "" or ID_RE.match(rid)
