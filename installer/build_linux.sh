#!/usr/bin/env bash
# Builds installer/inquiry_desk.spec on Linux and proves the bundle works: `--version`, a headless
# command that needs the bundled migrations and talk scripts, and the window painting offscreen.
# The Windows build (installer/build.ps1) uses the same spec; this is what CI can check on Debian.
# Reuses .venv (made by `python3 dev.py test`) or makes it. Output: dist/InquiryDesk/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

say() { echo "build_linux.sh: $*"; }
fail() { echo "build_linux.sh: FAILED: $*" >&2; exit 1; }

PYTHON=.venv/bin/python
if [ ! -x "$PYTHON" ]; then
    python3 -m venv .venv
    "$PYTHON" -m pip install --quiet --upgrade pip
fi
# dev.py has installed the project; only PyInstaller (the `installer` extra) may be missing.
"$PYTHON" -c "import PyInstaller" 2>/dev/null || "$PYTHON" -m pip install --quiet --editable ".[test,installer]"

started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" installer/inquiry_desk.spec
say "bundle built in $(( $(date +%s) - started )) s, $(du -sh dist/InquiryDesk | cut -f1)"

BUNDLE=$ROOT/dist/InquiryDesk
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A private home, so no developer's config, database or DESK_APP_* setting leaks in; run from an empty
# folder, so nothing can be found in the checkout by accident.
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data QT_QPA_PLATFORM=offscreen
unset DESK_APP_DB DESK_APP_RESOURCES PYTHONPATH || true
cd "$WORK"

expected="desk-app $("$ROOT/$PYTHON" -c 'import desk_app; print(desk_app.__version__)')"
for program in desk-app InquiryDesk; do
    printed=$("$BUNDLE/$program" --version)
    [ "$printed" = "$expected" ] || fail "$program --version printed '$printed', expected '$expected'"
    say "$program --version: $printed"
done

"$BUNDLE/desk-app" scripts check >"$WORK/scripts.txt" || fail "scripts check (bundled talk scripts)"
grep -q "^disclosure: version" "$WORK/scripts.txt" || fail "scripts check did not list the disclosure script"
say "scripts check: $(wc -l <"$WORK/scripts.txt") scripts"

DB="sqlite:///$WORK/demo.sqlite3"
"$BUNDLE/desk-app" demo-data --customers 50 --seed 1 --db "$DB" >/dev/null \
    || fail "demo-data (bundled migrations, demo vocabulary)"
"$BUNDLE/desk-app" audit verify --db "$DB" >/dev/null || fail "audit verify on the demo database"
say "demo-data and audit verify: ok"

# The window: the start-up probe writes the seconds to first paint and quits the application.
probe=$WORK/first-paint
DESK_APP_STARTUP_PROBE=$probe timeout 60 "$BUNDLE/InquiryDesk" --db "$DB" --agent demo 2>"$WORK/gui.err" \
    || { cat "$WORK/gui.err" >&2; fail "the window did not start"; }
[ -s "$probe" ] || { cat "$WORK/gui.err" >&2; fail "the window never painted"; }
if grep -q Traceback "$WORK/gui.err"; then cat "$WORK/gui.err" >&2; fail "traceback while the window ran"; fi
say "the window painted after $(cat "$probe") s"

cd "$ROOT"
"$PYTHON" -m pytest -q -p no:cacheprovider tests/e2e/test_resource_layouts.py -k real_bundle
say "ok"
