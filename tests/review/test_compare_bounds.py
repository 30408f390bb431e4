"""The version compare diffs by sentence, then by character only within small changed pairs: bounded work.

Two saves of a 20,000-character narrative once took 20 s (40,000 timed the worker out): the whole
texts were matched character by character. The work is counted here, not timed: the largest
product of sequence lengths any matcher is given.
"""
from __future__ import annotations

import difflib

import pytest

from review import versions
from review.versions import CHARACTER_DIFF_LIMIT, marked_diff, sentences

SENTENCE = "本机关全年主动公开政府信息{n}条，其中规范性文件{m}件。"


class CountingMatcher(difflib.SequenceMatcher):
    products: list[int] = []

    def set_seqs(self, a, b):
        CountingMatcher.products.append(len(a) * len(b))
        super().set_seqs(a, b)


@pytest.fixture
def counted(monkeypatch):
    CountingMatcher.products = []
    monkeypatch.setattr(versions, "SequenceMatcher", CountingMatcher)
    return CountingMatcher.products


def narrative(count: int, changed: set[int] = frozenset()) -> str:
    return "".join(SENTENCE.format(n=i + (7 if i in changed else 0), m=i % 9) + ("\n" if i % 10 == 9 else "")
                   for i in range(count))


@pytest.mark.parametrize("count", [800, 1600])  # about 20,000 and 40,000 characters
def test_two_long_texts_are_compared_with_bounded_work(counted, count):
    old, new = narrative(count), narrative(count, changed={3, count // 2, count - 1})
    assert len(old) > count * 24
    before, after = marked_diff(old, new)
    assert after.count("<ins>") == 3 and before.count("<del>") == 3
    assert max(counted) <= max(CHARACTER_DIFF_LIMIT, (count + count // 10) ** 2)


def test_a_text_without_sentence_ends_is_marked_whole_past_the_limit(counted):
    old, new = "甲" * 30_000, "乙" + "甲" * 30_000
    before, after = marked_diff(old, new)
    assert max(counted) <= CHARACTER_DIFF_LIMIT
    assert before.startswith("<del>") and after.startswith("<ins>")


def test_a_sentence_repeated_thousands_of_times_is_no_trap(counted):
    old = "同上。" * 20_000
    new = old + "新增一句。"
    _before, after = marked_diff(old, new)
    assert "<ins>新增一句。</ins>" in after


def test_sentences_keep_their_endings_and_lose_nothing():
    text = "第一句。第二句！第三句？\n第四句；end. last"
    assert "".join(sentences(text)) == text
    assert sentences(text)[:2] == ["第一句。", "第二句！"]
