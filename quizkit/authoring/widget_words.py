"""Feedback that repeats what the widget already prints.

The widget shows its own verdict ("Correct.", "Not quite.") before an option's
feedback, and "Choose all that apply." under a multiple-select prompt; a bank
that says it again makes readers read it twice. `check` warns (it does not
fail: the text is still right, just doubled).
"""
from __future__ import annotations

from quizkit.bank.model import Bank
from quizkit.strings import strings

VERDICTS = ("correct", "incorrect", "partly")


def repeats(banks: list[Bank], language: str | None) -> list[str]:
    table = strings(language)
    verdicts = [table[k].strip() for k in VERDICTS if table.get(k, "").strip()]
    choose_all = table.get("choose_all", "").strip()
    out = []
    for bank in banks:
        for q in bank.leaves():
            # Point at the 'feedback:' line itself, where the author has to make the change.
            said = [(o.feedback_line or o.line or q.line, o.feedback) for o in q.options if o.feedback]
            said += [(q.feedback_lines.get(k) or q.line, getattr(q, k)) for k in ("feedback_true", "feedback_false")]
            said += [(p.feedback_line or p.line or q.line, p.feedback) for p in q.pairs if p.feedback]
            for line, text in said:
                start = " ".join((text or "").split())
                hit = next((v for v in verdicts if start.casefold().startswith(v.casefold())), None)
                if hit:
                    out.append(f"{bank.source}:{line}: question '{q.id}': feedback starts with '{hit}', which the widget "
                               "already shows above it; start with the reason instead [widget-words]")
            if q.type == "multiple" and choose_all and choose_all.casefold() in " ".join(q.prompt.split()).casefold():
                out.append(f"{bank.source}:{q.line}: question '{q.id}': the prompt says '{choose_all}', which the widget "
                           "already shows under it; leave it out [widget-words]")
    return out
