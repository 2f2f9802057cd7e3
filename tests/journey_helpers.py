"""Driving the course as a reader who knows the answers: real clicks, keys and selects, no DOM edits.

The answer key is in the page (data-qz-correct, the ordering's item indexes, the matching pairs),
so a test can pass a quiz on purpose, or fail it on purpose, through the same controls a reader uses.
"""
from __future__ import annotations

GRADED = ("single", "multiple", "truefalse", "ordering", "matching")


def show_every_question(page) -> None:
    """On a phone a long widget shows one question at a time (quiz.js); its own "Show all questions"
    gives the whole set, as a reader may choose, so every question can be answered in turn."""
    # After instant navigation the page's own stylesheet arrives after its content, and decides what shows.
    page.wait_for_function("() => [...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet)")
    for toggle in page.locator(".qz.qz--one .qz-one-toggle").all():
        if toggle.is_visible():
            toggle.click()


def fill_reflection(q, text: str) -> None:
    """Tick "Save what I write on this device", type `text` into reflection `q` and wait for its save
    (quiz.js saves 400 ms after the last key; with "keep nothing" on it keeps the text in the page's
    memory instead)."""
    q.locator(".qz-keep input").check()
    q.locator("textarea").fill(text)
    q.page.wait_for_function("([id, text]) => (window.courseQuiz.store.answer(id) || {}).v === text",
                             arg=[q.get_attribute("data-qz-id"), text])


def _order(q) -> list[int]:
    return [int(x) for x in q.locator("[data-qz-item]").evaluate_all("els => els.map(e => e.dataset.qzItem)")]


def answer_every_question(page, right: bool = True, reflection: str = "I go quiet when I feel pushed.") -> int:
    """Answer every question of the page's widget, all right (or all wrong); returns how many were checked."""
    page.wait_for_selector(".qz.qz--js", state="attached")
    checked = 0
    # The first answer to each question is the one that counts (quiz.js): answering a chapter quiz
    # again starts with its "Start the quiz again" button, as a reader would.
    restart = page.locator("[data-qz-summary] button", has_text="Start the quiz again")
    if restart.count():
        restart.click()
        # It asks first (it clears the saved result); the helper means to start again.
        page.locator("[data-qz-summary] button", has_text="Yes, clear it and start again").click()
    show_every_question(page)
    for q in page.locator(".qz-question[data-qz-type]").all():
        kind = q.get_attribute("data-qz-type")
        if kind in ("single", "truefalse"):
            q.locator("input[data-qz-correct]" if right else "input:not([data-qz-correct])").first.check()
        elif kind == "multiple":
            boxes = q.locator("input[data-qz-correct]" if right else "input:not([data-qz-correct])")
            for box in boxes.all():
                box.check()
        elif kind == "ordering":
            size = len(_order(q))
            target = list(range(size)) if right else list(range(size - 1, -1, -1))
            for place, item in enumerate(target):
                while _order(q).index(item) > place:
                    q.locator(f"[data-qz-item='{item}'] [data-qz-move='-1']").click()
        elif kind == "matching":
            selects = q.locator("select[data-qz-pair]").all()
            for i, select in enumerate(selects):
                pick = i if right else (i + 1) % len(selects)
                select.select_option(value=str(pick))
        elif kind == "reflection":
            fill_reflection(q, reflection)
            continue
        else:  # likert
            q.locator("input[type=radio]").first.check()
            continue
        q.locator("button[type=submit]").click()
        q.locator("[data-qz-feedback] .qz-verdict").wait_for(state="visible")
        checked += 1
    return checked


SEED = """async ({base, key, done, partial, extra, reflection}) => {
  // Saved answers as quiz.js writes them: every question of the `done` steps right at the first try (and,
  // given a `reflection`, each of their reflections and ratings), the first question only of the `partial`
  // step (answered last), plus `extra` top-level fields.
  const j = await fetch(base + 'assets/quizkit/journey.json').then((r) => r.json());
  const answers = {};
  let t = Date.now() - 100000;
  j.steps.forEach((s) => {
    if (done.includes(s.u)) s.q.forEach((q) => { answers[q[0]] = {v: 0, s: 1, ok: true, k: true, h: q[1], t: (t += 1)}; });
  });
  if (reflection) j.reflections.filter((r) => done.includes(r.u)).forEach((r) => {
    answers[r.id] = {v: reflection, ok: null, h: r.h, t: (t += 1)};
  });
  const step = j.steps.find((s) => s.u === partial);
  if (step) answers[step.q[0][0]] = {v: 0, s: 1, ok: true, k: true, h: step.q[0][1], t: Date.now()};
  localStorage.setItem(key, JSON.stringify(Object.assign({v: 1, answers, told: 1}, extra || {})));
  return j;
}"""


def seed(page, base: str, key: str, done: list[str], partial: str | None = None, extra: dict | None = None,
         reflection: str | None = None) -> dict:
    """Store progress as if the reader had answered (see SEED); returns the journey (journey.json)."""
    return page.evaluate(SEED, {"base": base, "key": key, "done": done, "partial": partial, "extra": extra or {},
                                "reflection": reflection})
