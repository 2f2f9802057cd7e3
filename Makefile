# Two commands on a fresh machine:
#   make serve   set up .venv and serve the course with live reload (also on quizzes/ changes); PORT=8001 for another port
#   make bench   build-time, page-weight and Lighthouse figures against plain Material (QUICK=1: < 5 min)
#   make test    set up .venv, node_modules (+ Debian's Chromium if missing and CHROME_PATH
#                is unset) and run every check: ruff, zizmor, the bank check, pytest (both cores)
#   make quick   the authors' tier (< 2 min): the bank check and the tests that need no browser
#                and no whole-course build (pytest -m "not browser and not slow")
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: serve test quick lint build check stats guessing blind new export bench clean node_modules

$(VENV)/.site: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

serve: $(VENV)/.site
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --livereload -a 127.0.0.1:$(PORT)

# What the workflow's "Build the site" job runs: the checker, then the strict build.
build: $(VENV)/.site
	$(PY) build_quizzes.py check
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

check: $(VENV)/.site
	$(PY) build_quizzes.py check

stats: $(VENV)/.site
	$(PY) build_quizzes.py stats

guessing: $(VENV)/.site
	$(PY) build_quizzes.py stats --guessing

# make blind [CHAPTER=cycle] [OUT=blind.md]   the chapter quizzes without keys or feedback, for a study;
# score a reviewer's answers with: python build_quizzes.py blind --score answers.yml
OUT ?= blind-quizzes.md
blind: $(VENV)/.site
	$(PY) build_quizzes.py blind $(if $(CHAPTER),--chapter $(CHAPTER)) -o $(OUT)

# make new LESSON=chapter/lesson   (a lesson page, its bank with every question type, a nav entry)
new: $(VENV)/.site
	@test -n "$(LESSON)" || { echo "usage: make new LESSON=chapter/lesson (for example LESSON=change/small-repairs)"; exit 2; }
	$(PY) build_quizzes.py new $(LESSON)

# make export FORMAT=gift|qti|json [CHAPTER=cycle]   (into exports/)
FORMAT ?= gift
export: $(VENV)/.site
	$(PY) build_quizzes.py export --format $(FORMAT) $(if $(CHAPTER),--chapter $(CHAPTER))

# Test-only npm tools (axe-core, Lighthouse), pinned in package.json / package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

node_modules: node_modules/.installed

# Python lint (rules in pyproject.toml) and the workflow's security audit (.github/zizmor.yml).
lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/zizmor --offline .

# -n auto: one pytest worker per core; --dist loadfile keeps each file's module fixtures on one worker.
test: lint node_modules/.installed
	bash .ci/ensure-browser
	$(PY) build_quizzes.py check
	$(PY) -m pytest -n auto --dist loadfile

quick: $(VENV)/.test
	$(PY) build_quizzes.py check
	$(PY) -m pytest -q -n auto --dist loadfile -m "not browser and not slow and not external"

bench: $(VENV)/.test
	bash .ci/ensure-browser
	$(PY) -m bench $(if $(QUICK),--quick)

clean:
	rm -rf site $(VENV) .pytest_cache
