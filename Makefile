# Two commands do everything, each setting itself up first (idempotently):
#   make demo   run notebooks/01-tour.ipynb through the installed kernel and show its outputs
#   make test   the linters, then the whole test suite
# `make lint` runs the linters (ruff, mypy); `make fast` the linters and the fast tier alone, with Julia
# out of reach (no Julia needed). `make bench` prints the benchmarks' ratios against ipykernel and against
# copying.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.metapoly-installed
JULIA_READY := $(VENV)/.metapoly-julia
TEST_PROGRAMS_READY := $(VENV)/.metapoly-test-programs
SYSIMAGE_READY := $(VENV)/.metapoly-sysimage
LABEXTENSION_PACKAGES := labextension/node_modules/.package-lock.json
LABEXTENSION_BUILT := labextension/dist/install.json

.PHONY: demo test lint fast bench setup clean

# A checkout moved (or copied) elsewhere keeps a virtualenv whose scripts, editable install and kernelspec
# name the old place: it is made again here.
MOVED := $(if $(wildcard $(INSTALLED)),$(filter-out $(CURDIR),$(shell cat $(INSTALLED))))
ifneq ($(MOVED),)
.PHONY: $(INSTALLED)
endif

demo: setup
	$(PY) scripts/demo.py notebooks/01-tour.ipynb

# The settings of both are in pyproject.toml.
lint: $(INSTALLED)
	$(PY) -m ruff check .
	$(PY) -m mypy

# The fast tier: seconds, and no Julia, which it is run without (scripts/without_julia.py hides every Julia
# metapoly could find), as on a machine that has none.
FAST_TIER = $(PY) scripts/without_julia.py $(PY) -m pytest -m fast

fast: lint
	$(FAST_TIER)

# The linters, the fast tier, then the rest on TEST_WORKERS processes: most of its time is spent waiting
# for workers to start, which two processes overlap.
TEST_WORKERS ?= 2

test: lint setup $(TEST_PROGRAMS_READY)
	$(FAST_TIER)
	$(PY) -m pytest -m "not fast" -n $(TEST_WORKERS) --dist loadfile

bench: setup
	$(PY) bench/kernel_bench.py
	$(PY) bench/bridge_bench.py
	$(PY) bench/completion_bench.py
	$(PY) bench/calls_bench.py
	$(PY) bench/containers_bench.py
	$(PY) bench/distributed_bench.py
	$(PY) bench/arrow_bench.py

setup: $(INSTALLED) $(JULIA_READY) $(SYSIMAGE_READY)

# The Python environment: a virtualenv of a Python built with a shared libpython (the worker embeds it),
# metapoly installed in it (editable) with what the notebooks use, JupyterLab and the test tools, and the
# kernelspec installed into it.
SHARED_LIBPYTHON = import sysconfig, sys; sys.exit(0 if sysconfig.get_config_var('Py_ENABLE_SHARED') else \
	'metapoly: $(PYTHON) has no shared libpython; set PYTHON= to one built with --enable-shared')
$(INSTALLED): pyproject.toml kernelspec/kernel.json $(LABEXTENSION_BUILT)
	@$(PYTHON) -c "$(SHARED_LIBPYTHON)"
	$(if $(MOVED),rm -rf $(VENV))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[notebook,test]'
	$(PY) -m metapoly install --sys-prefix
	echo '$(CURDIR)' > $@

# metapoly's JupyterLab extension (labextension/): its npm packages, as its lockfile pins them, then its
# build (TypeScript, then @jupyterlab/builder). The editable install above copies the built folder where
# JupyterLab finds it, as a wheel does; a change of the extension installs it again. Node.js and npm are
# needed here, never where a wheel is installed.
$(LABEXTENSION_PACKAGES): labextension/package.json labextension/package-lock.json
	cd labextension && npm ci
	touch $@

$(LABEXTENSION_BUILT): $(LABEXTENSION_PACKAGES) labextension/tsconfig.json labextension/install.json \
		$(wildcard labextension/src/*.ts labextension/style/*.css)
	cd labextension && npm run build

# Julia (installed if missing) and the worker's precompiled cache.
$(JULIA_READY): $(INSTALLED) scripts/install-julia.sh julia/Project.toml $(shell find julia/src -name '*.jl')
	bash scripts/install-julia.sh
	"$${METAPOLY_JULIA:-julia}" --startup-file=no --project=julia -e 'using MetapolyWorker'
	touch $@

# The worker's system image (metapoly/sysimage_build.py builds it, metapoly/sysimage.py finds it), rebuilt
# when the worker changes: a few minutes, after which workers start in half a second. Without one (no C
# compiler, say) they start all the same, slower.
$(SYSIMAGE_READY): $(JULIA_READY) julia/sysimage.jl metapoly/sysimage.py metapoly/sysimage_build.py
	-$(PY) -m metapoly sysimage
	touch $@

# Debian's programs the tests use (installed if missing), for `make test` only: Chromium, which the browser
# test drives through Playwright, and the OpenSSH server, which the test of Julia processes added over SSH
# runs on loopback.
$(TEST_PROGRAMS_READY): $(INSTALLED) scripts/install-debian-package.sh
	bash scripts/install-debian-package.sh chromium /usr/bin/chromium
	bash scripts/install-debian-package.sh openssh-server /usr/sbin/sshd
	touch $@

clean:
	rm -rf $(VENV) labextension/node_modules labextension/lib labextension/dist labextension/build \
		labextension/tsconfig.tsbuildinfo
