"""The order readers see a question's options in.

The position of the right answer must carry no information. Single-choice,
multiple-select (and so scenario sub-question) options are shown in a
uniformly random permutation seeded by the question id: the same on every
build and with JavaScript off, and the identity order is as likely as any
other. The seed is the id and nothing else, so nobody can "tune" an order by
trying seeds. An author pins the written order with `keep_order: true`.

Ordering items and matching answers use `never_in_order` instead: there the
written order *is* the answer, so it must never be the starting position.
"""
from __future__ import annotations

import hashlib
import random

from quizkit.bank.model import Question
from quizkit.bank.types import SHUFFLED


def _rng(purpose: str, seed: str) -> random.Random:
    # A digest, not hash(): stable across processes, Python versions and PYTHONHASHSEED.
    return random.Random(hashlib.sha256(f"{purpose}:{seed}".encode("utf-8")).digest())


def permutation(seed: str, count: int) -> list[int]:
    """A uniformly random permutation of range(count), fixed by `seed` (Fisher–Yates via random.shuffle)."""
    order = list(range(count))
    _rng("options", seed).shuffle(order)
    return order


def option_order(q: Question) -> list[int]:
    """Authored option indices in display order. True/false is always True, False."""
    return permutation(q.id, len(q.options)) if shuffles(q) else list(range(len(q.options)))


def shuffles(q: Question) -> bool:
    """Whether the options are shown in a random order (for exports: QTI shuffle)."""
    return q.type in SHUFFLED and not q.keep_order


def never_in_order(seed: str, count: int) -> list[int]:
    """A stable shuffle of range(count) that never leaves it in order (ordering, matching)."""
    order = list(range(count))
    if count < 2:
        return order
    random.Random(seed).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order
