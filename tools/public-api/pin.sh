#!/usr/bin/env bash
# Pins the public API of the library projects: rewrites each project's PublicAPI.Unshipped.txt so that it lists
# exactly the public symbols not already in PublicAPI.Shipped.txt (the PublicApiAnalyzers' RS0016 code fix, applied
# by `dotnet format analyzers`). The build fails on any public symbol that neither file lists (RS0016) and on any
# listed symbol that is gone (RS0017), so run this after a deliberate change of the public API, or after merging
# branches that changed it, and review the diff of the PublicAPI.*.txt files like code.
#
#   tools/public-api/pin.sh                 # every library project
#   tools/public-api/pin.sh src/Barometer.Kernel
#   tools/public-api/pin.sh --ship          # a release: move every Unshipped line into Shipped, then re-pin
#
# Before pinning after a merge, tools/public-api/internalize.py lists (and with --apply makes internal) the public
# types that nothing outside their project uses, so that they do not get pinned.
set -euo pipefail
cd "$(dirname "$0")/../.."

ship=false
projects=()
for argument in "$@"; do
  case "$argument" in
    --ship) ship=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) projects+=("$argument") ;;
  esac
done
[ "${#projects[@]}" -gt 0 ] || projects=(src/Barometer.IO src/Barometer.Browser src/Barometer.Analysis src/Barometer.Kernel)

header='#nullable enable'
for project in "${projects[@]}"; do
  project="${project%/}"
  csproj="$project/$(basename "$project").csproj"
  [ -f "$csproj" ] || { echo "error: $csproj not found" >&2; exit 2; }
  shipped="$project/PublicAPI.Shipped.txt"
  unshipped="$project/PublicAPI.Unshipped.txt"
  [ -f "$shipped" ] || printf '%s\n' "$header" > "$shipped"
  if $ship; then
    { echo "$header"; grep -hv -e "^$header\$" -e '^$' "$shipped" "$unshipped" 2>/dev/null | grep -v '^\*REMOVED\*' | LC_ALL=C sort -u; } > "$shipped.tmp"
    mv "$shipped.tmp" "$shipped"
  fi
  # Start from an empty Unshipped file: symbols that are gone disappear, the code fix adds every public one.
  printf '%s\n' "$header" > "$unshipped"
  echo "== $project: dotnet format analyzers --diagnostics RS0016 RS0017"
  # RS0016 and RS0017 are errors in the build; the code fixes run on diagnostics of at least --severity.
  dotnet format analyzers "$csproj" --diagnostics RS0016 RS0017 --severity warn
  { echo "$header"; grep -v -e "^$header\$" -e '^$' "$unshipped" | LC_ALL=C sort -u; } > "$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  echo "   $(($(wc -l < "$shipped") - 1)) shipped, $(($(wc -l < "$unshipped") - 1)) unshipped public symbols"
done
echo "== check: dotnet build ${projects[*]} (RS0016/RS0017 are errors)"
for project in "${projects[@]}"; do
  dotnet build "${project%/}" -nologo -v:q -clp:NoSummary -p:TreatWarningsAsErrors=true -warnaserror:false
done
git status --short -- '*PublicAPI.*.txt'
