"""Quality thresholds for the gate tests, in one place. Raise them, never lower them quietly."""

# Lighthouse (npm lighthouse, mobile preset), per audited page. Performance is not a gate:
# it depends on the machine the tests run on.
LIGHTHOUSE_MIN_SCORES = {
    "accessibility": 1.00,
    "best-practices": 1.00,
    "seo": 0.95,
}

# The pages Lighthouse audits (once each: it is slow): home, a lesson, a chapter quiz.
LIGHTHOUSE_PAGES = ["", "cycle/the-loop/", "cycle/quiz/"]

# axe-core: violations allowed on any page, in any palette or width.
AXE_MAX_VIOLATIONS = 0
