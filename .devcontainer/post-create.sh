#!/usr/bin/env bash
# Sets up a machine for Barometer Notebooks: ICU (libicu72: cultures in the kernel and the tool), Chromium (PNG/SVG export, browser tests, chart images in notebooks),
# Node/npm (the pinned plotly.js and the Jupyter widget manager of the browser test, `npm ci`), Jupyter (to open and run the notebooks), a build, and our C# kernel
# registered with Jupyter. Run by the dev container after it is created, and by CI (.ci/run) on its own machine so
# that it cannot rot. Idempotent: what is present is not installed again. Needs Debian (or a Debian-based image:
# Ubuntu 24.04 has no Chromium package outside snap). Options: --no-build (skip build and kernel registration).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) echo "post-create.sh: unknown option '$arg' (known: --no-build)" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

echo "== system packages"
# Debian package names; a package counts as present when dpkg has it installed.
wanted=(libicu72 chromium jupyter-client jupyter-notebook python3-ipykernel python3-nbclient python3-nbformat)
command -v npm >/dev/null 2>&1 || wanted+=(nodejs npm)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "post-create.sh: apt-get not found; install ${missing[*]} yourself" >&2; exit 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "present: ${wanted[*]}"
fi
# Ubuntu's "chromium" is a stub that asks for snap, which containers lack: say so instead of failing later.
if ! chromium_version=$(chromium --version 2>/dev/null); then
  echo "post-create.sh: 'chromium' does not run here ($(. /etc/os-release && echo "$PRETTY_NAME")); use a Debian-based" \
       "image (see .devcontainer/devcontainer.json) or set BAROMETER_CHROMIUM to a Chrome/Chromium executable" >&2
  exit 1
fi
echo "$chromium_version"

echo "== .NET SDK"
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "post-create.sh: the .NET 10 SDK is required (dotnet --list-sdks shows none)" >&2; exit 1
fi
dotnet --version

echo "== plotly.js (npm ci, pinned in src/Barometer.Analysis/Charts/plotlyjs)"
plotly_dir=src/Barometer.Analysis/Charts/plotlyjs
want_version=$(node -p "require('./$plotly_dir/package.json').dependencies['plotly.js-dist-min']")
have_version=$(node -p "try { require('./$plotly_dir/node_modules/plotly.js-dist-min/package.json').version } catch { '' }")
if [ "$have_version" != "$want_version" ]; then
  (cd "$plotly_dir" && npm ci --no-audit --no-fund --ignore-scripts)
else
  echo "plotly.js-dist-min $have_version present"
fi

echo "== Jupyter widget manager and kernel client for the browser tests (npm ci, pinned in tests/widgets-browser)"
# html-manager renders saved widget state; @jupyterlab/services talks to a live kernel; esbuild bundles the live page
# (its platform binary comes as an optional dependency, so --ignore-scripts is enough). npm ci runs again when any of
# them is missing or at another version.
widgets_dir=tests/widgets-browser
widgets_stale=$(node -e "
  const want = require('./$widgets_dir/package.json').dependencies;
  const stale = Object.keys(want).filter(name => {
    try { return require('./$widgets_dir/node_modules/' + name + '/package.json').version !== want[name]; } catch { return true; }
  });
  console.log(stale.join(' '));")
if [ -n "$widgets_stale" ]; then
  (cd "$widgets_dir" && npm ci --no-audit --no-fund --ignore-scripts)
else
  echo "tests/widgets-browser packages present"
fi

if [ "$build" -eq 1 ]; then
  echo "== build"
  dotnet build Barometer.Notebooks.sln -nologo -v quiet
  echo "== Jupyter kernel"
  barometer=(dotnet src/Barometer.Cli/bin/Debug/net10.0/barometer.dll)
  # (asked of the command list: System.CommandLine answers --help with success even for an unknown command)
  if "${barometer[@]}" --help 2>/dev/null | grep -qE '^[[:space:]]+kernel([[:space:]]|$)'; then
    "${barometer[@]}" kernel install --user
  else
    echo "note: this build has no 'barometer kernel install'; notebooks still run with 'barometer notebooks run'" >&2
  fi
fi
echo "== ready"
