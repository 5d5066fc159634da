# The two commands: `make run` (install, migrate, demo data, serve) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/promeneurs)
PYTEST_WORKERS ?= auto
# Each test file on one worker: the worlds a module builds once (tests/*/conftest.py) are built once, not once per
# worker that draws one of its tests. Files are handed out longest first (tests/scheduling.py, make durations).
PYTEST_DIST ?= --dist loadfile --no-loadscope-reorder
# Property tests draw the same examples on every run of make test (tests/conftest.py); `default` draws anew.
export HYPOTHESIS_PROFILE ?= ci

.PHONY: install lock run serve migrate demo test test-sqlite test-postgres durations coverage browser gettext pdf-libs lint format translations check clean prod-smoke

# Every version, transitive ones included, as resolved by `make lock` from pyproject.toml and its dev extra.
LOCK := requirements.lock

# Installs exactly the lock; `pip check` then fails if pyproject.toml asks for something the lock lacks.
$(VENV)/.installed: $(LOCK)
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 introuvable ($(PYTHON))."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	@$(PY) -m pip check || { echo "$(LOCK) ne correspond plus à pyproject.toml : lancez make lock."; exit 1; }
	touch $@

# After any change to the dependencies of pyproject.toml: resolve again, then commit requirements.lock.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(VENV)/bin/pip-compile || $(PY) -m pip install --quiet "$$(grep -o 'pip-tools==[0-9.]*' pyproject.toml)"
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --no-emit-trusted-host --output-file $(LOCK) pyproject.toml

install: $(VENV)/.installed translations pdf-libs
	@mkdir -p var

translations: $(VENV)/.installed
	$(PY) scripts/translations.py compile

migrate: install
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py import_communes

demo: migrate
	$(PY) manage.py load_demo --port $(PORT)

run: demo
	@echo ""
	@echo "  Site national       : http://localhost:$(PORT)/"
	@echo "  Site du Cher (18)   : http://18.localhost:$(PORT)/   (aussi 04, 17, 62, 93)"
	@echo "  Administration      : http://localhost:$(PORT)/admin/   (admin / promeneurs-demo)"
	@echo ""
	$(PY) manage.py runserver 0.0.0.0:$(PORT)

serve: install
	$(PY) manage.py runserver 0.0.0.0:$(PORT)

browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium absent : les tests navigateur seront ignorés (apt-get install chromium)."; fi; }

# WeasyPrint's system libraries (the activity review's PDF, activity/pdf.py) and DejaVu, a font with every accent.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libs:
	@libs="$$(PATH="$$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null)"; \
	for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do \
	  grep -qF "$$lib " <<<"$$libs" || missing=1; done; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing=1; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_LIBS) >/dev/null; \
	  else echo "Pango, HarfBuzz ou la police DejaVu absents : le bilan d'activité en PDF ne pourra pas être produit (apt-get install $(PDF_LIBS))."; fi; \
	fi

gettext:
	@command -v xgettext >/dev/null && command -v msgmerge >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else echo "GNU gettext absent : les chaînes manquantes du catalogue ne seront pas cherchées (apt-get install gettext)."; fi; }

test: install browser
	$(MAKE) --no-print-directory test-sqlite
	@if $(PY) scripts/postgres_available.py "$(PG_URL)"; then \
	  $(MAKE) --no-print-directory test-postgres; \
	elif [ "$(TEST_POSTGRES)" = "required" ]; then \
	  echo "PostgreSQL injoignable ($(PG_URL)) alors que TEST_POSTGRES=required."; exit 1; \
	else echo "PostgreSQL injoignable : suite PostgreSQL ignorée (TEST_POSTGRES=required pour l'exiger)."; fi

test-sqlite: install
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) $(PYTEST_ARGS)

# Pure-Python tests (marked `pure` at collection: they use no database) and browser tests run once, in the
# SQLite pass; the PostgreSQL pass runs every test that touches the database.
test-postgres: install
	@echo "== Test suite on PostgreSQL ($(PG_URL)): tests that use the database =="
	DATABASE_URL="$(PG_URL)" $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) -m "not pure and not browser" $(PYTEST_ARGS)

# Each file's time in both passes, written to tests/durations.json: the order in which the files are handed out.
durations:
	$(MAKE) --no-print-directory test PYTEST_ARGS="--record-durations $(PYTEST_ARGS)"

# coverage.py's figure over the SQLite pass (configuration in pyproject.toml).
coverage: install
	env -u DATABASE_URL $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_DIST) --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

# The production stack (redis, gunicorn, Varnish, nginx) on loopback ports, checked through nginx: deploy/README.md.
prod-smoke: install
	$(PY) scripts/prod_smoke.py

check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

lint: install
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var/db.sqlite3 var/media var/static
