#!/usr/bin/env bash
# The workbench installs and runs anywhere, not only from a checkout: build the wheel, install it into a
# fresh virtual environment in a temporary folder outside the checkout, and from a temporary working
# directory write the bundled samples, validate, score, export and report one, start the app and ask its health
# endpoint, render its first page, and check the store went to the user's data folder. Any failure
# exits non-zero with what failed. Dependencies come from the package index pip is set up for (pip's
# cache is reused). Needs python3 with venv only; set PYTHON to use another interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
python=${PYTHON:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/esg-wheel-smoke.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "wheel-smoke: FAILED: $*" >&2; exit 1; }
step() { echo "wheel-smoke: $*"; }
# pip run quietly; a find-links/extra-index folder without the package is this machine's set-up, not news.
quiet_pip() { "$venv_python" -m pip "$@" --quiet 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
start=$SECONDS

# Built from a copy of the files git knows (tracked or new, not ignored), so a stale build/ folder in
# the checkout cannot leak into the wheel and the checkout gets none.
mkdir "$tmp/src"
if git -C "$checkout" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$checkout" ls-files -z --cached --others --exclude-standard \
    | tar -C "$checkout" --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -C "$tmp/src" -xf -
else
  cp -R pyproject.toml setup.py MANIFEST.in README.md requirements.txt esg_workbench frameworks sample_data "$tmp/src/"
fi

step "fresh virtual environment in $tmp/venv"
"$python" -m venv "$tmp/venv"
venv_python="$tmp/venv/bin/python"

step "building the wheel"
quiet_pip wheel "$tmp/src" --no-deps --wheel-dir "$tmp/dist" || fail "the wheel did not build"
wheel=$(ls "$tmp"/dist/esg_workbench-*.whl) || fail "no wheel in $tmp/dist"
step "installing $(basename "$wheel") and its dependencies"
quiet_pip install --no-compile "$wheel" || fail "the wheel did not install"  # no .pyc: half the time

# Run as a user would: outside the checkout, no settings from this shell, a data folder of its own.
mkdir "$tmp/work" "$tmp/data"
cd "$tmp/work"
unset PYTHONPATH ESG_WORKBENCH_DB ESG_WORKBENCH_FRAMEWORKS_DIR ESG_WORKBENCH_SAMPLE_DIR ESG_WORKBENCH_MODE
export XDG_DATA_HOME="$tmp/data" PYTHONDONTWRITEBYTECODE=1
workbench="$tmp/venv/bin/esg-workbench"

package=$("$venv_python" -c "import esg_workbench, os; print(os.path.dirname(esg_workbench.__file__))")
case "$package" in "$tmp/venv/"*) ;; *) fail "esg_workbench was imported from $package, not the installed wheel" ;; esac

step "samples, validate, score, export"
"$workbench" samples samples || fail "samples"
"$workbench" validate samples/*.json || fail "validate"
"$workbench" score samples/municipality.json --samples 500 --seed 1 >score.txt || fail "score"
grep -q . score.txt || fail "score printed nothing"
"$workbench" export samples/manufacturer.json -o manufacturer.xlsx --lang da || fail "export"
[ -s manufacturer.xlsx ] || fail "export wrote no workbook"
"$workbench" report samples/municipality.json -o municipality.pdf --lang da || fail "report"
head -c 5 municipality.pdf | grep -q "%PDF-" || fail "report wrote no PDF"

port=$("$venv_python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
step "starting the app on port $port"
"$workbench" app --port "$port" --host 127.0.0.1 >app.log 2>&1 &
server=$!
health=""
for _ in $(seq 1 120); do
  kill -0 "$server" 2>/dev/null || { cat app.log >&2; fail "the app stopped on its own"; }
  health=$("$venv_python" -c "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())" \
    "http://127.0.0.1:$port/_stcore/health" 2>/dev/null || true)
  [ "$health" = "ok" ] && break
  sleep 0.5
done
[ "$health" = "ok" ] || { cat app.log >&2; fail "/_stcore/health did not answer ok within 60 s"; }
store="$tmp/data/esg-workbench/workbench.db"
[ -s "$store" ] || fail "the default store is not in the user's data folder ($store)"
grep -q "added 2 sample assessment(s)" app.log || { cat app.log >&2; fail "the app did not add the samples"; }
kill "$server"
wait "$server" 2>/dev/null || true
server=""

step "rendering the app's first page from the installed package"
ESG_WORKBENCH_DB="$store" "$venv_python" - <<'PY' || fail "the app's first page did not render"
import os
from streamlit.testing.v1 import AppTest
import esg_workbench

at = AppTest.from_file(os.path.join(os.path.dirname(esg_workbench.__file__), "app", "main.py"), default_timeout=60)
at.run()
assert not at.exception, [e.value for e in at.exception]
crashed = at.session_state["app.crashed"] if "app.crashed" in at.session_state else None
assert crashed is None, crashed
PY

step "passed in $((SECONDS - start)) s"
