"""Option order carries no information: a uniform permutation per question id, stable, pinnable."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter

from quizkit.bank.model import Option, Question
from quizkit.bank.order import never_in_order, option_order, permutation


def q(qid: str, n: int = 4, kind: str = "single", **extra) -> Question:
    return Question(id=qid, type=kind, line=1, options=[Option(f"o{i}", i == 0) for i in range(n)], **extra)


def test_the_same_id_gives_the_same_order_in_another_process():
    code = "from quizkit.bank.order import permutation; print(permutation('cycle-trigger-text', 5))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert runs == {f"{permutation('cycle-trigger-text', 5)}\n"}


def test_the_key_lands_in_each_position_equally_often():
    ids = [f"q-{i}" for i in range(9000)]
    where = Counter(option_order(q(i, 3)).index(0) for i in ids)
    assert all(abs(where[p] - 3000) < 200 for p in range(3)), where


def test_keep_order_pins_the_written_order():
    assert option_order(q("pinned", 5, keep_order=True)) == [0, 1, 2, 3, 4]
    assert option_order(q("pinned", 5)) == permutation("pinned", 5)


def test_true_false_keeps_true_then_false():
    tf = Question(id="tf", type="truefalse", line=1, answer=False)
    assert option_order(tf) == []  # no options: the template writes True, then False


def test_ordering_never_starts_solved():
    assert all(never_in_order(f"o-{i}", 3) != [0, 1, 2] for i in range(300))
