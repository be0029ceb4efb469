#!/usr/bin/env bash
# Fuzzes nbrun's parse → plan → update pipeline with libFuzzer for SECONDS seconds.
#
#   Fuzz/run.sh SECONDS [libFuzzer flags…]      e.g. Fuzz/run.sh 300, Fuzz/run.sh 60 -jobs=2
#   Fuzz/run.sh SECONDS CRASH_FILE              re-runs one input (a file under .build-fuzz/artifacts)
#
# How it is built: NBRunKit's sources, Fuzz/FuzzTarget.swift and the invariants it checks
# (Tests/NBRunKitTests/FuzzInvariants.swift, which the unit tests also build) are compiled together by
# swiftc with -sanitize=fuzzer,address (so the code under test is instrumented), and linked
# with the object files SwiftPM already built for the dependencies in .build/debug (Yams,
# Mustache, swift-syntax; not instrumented) and Debian's cmark-gfm. Nothing here is part of
# the package: `swift build` and `swift test` never see it. Everything it writes goes to
# .build-fuzz/: the binary, the corpus (seeded from the notebooks in the repository), and
# crash inputs under artifacts/.
set -euo pipefail

seconds=${1:?usage: Fuzz/run.sh SECONDS [libFuzzer flags…]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=.build-fuzz
mkdir -p "$out/corpus" "$out/artifacts"

# The dependencies' object files and modules, from the ordinary debug build.
[ -n "${NBRUN_FUZZ_NO_BUILD:-}" ] || swift build --target NBRunKit >&2
deps=.build/debug
resources=$(find .build/plugins/outputs -path '*NBRunKit*' -name EmbeddedResources.swift | sed -n 1p)
[ -n "$resources" ] || { echo "Fuzz/run.sh: EmbeddedResources.swift not found; run swift build" >&2; exit 2; }
objects=()
for module in NBRuntime RuntimeBuildSpec Yams CYaml Mustache SwiftSyntax SwiftParser SwiftIDEUtils SwiftDiagnostics SwiftBasicFormat SwiftLexicalLookup SwiftIfConfig SwiftOperators SwiftSyntaxBuilder SwiftParserDiagnostics SwiftWarningControl \
              _SwiftSyntaxCShims SwiftSyntax509 SwiftSyntax510 SwiftSyntax600 SwiftSyntax601 SwiftSyntax602 SwiftSyntax603; do
    [ -d "$deps/$module.build" ] || continue
    while IFS= read -r object; do objects+=("$object"); done < <(find "$deps/$module.build" -name '*.o')
done

# The package's own C targets (Sources/X/include), compiled here with a module map each.
cflags=()
for include in Sources/*/include; do
    [ -d "$include" ] || continue
    target=$(basename "$(dirname "$include")")
    mkdir -p "$out/c/$target"
    if [ ! -f "$include/module.modulemap" ]; then
        printf 'module %s {\n    umbrella "%s"\n    export *\n}\n' "$target" "$root/$include" > "$out/c/$target/module.modulemap"
        cflags+=(-I "$out/c/$target")
    fi
    for source in "$(dirname "$include")"/*.c; do
        [ -f "$source" ] || continue
        object="$out/c/$target/$(basename "$source").o"
        [ "$object" -nt "$source" ] || clang -c -O1 -g -fPIC -I "$include" "$source" -o "$object"
        objects+=("$object")
    done
done

binary=$out/fuzz-nbrun
sources=$(find Sources/NBRunKit -name '*.swift' | sort)
newest=$(ls -t $sources Fuzz/FuzzTarget.swift Tests/NBRunKitTests/FuzzInvariants.swift "$resources" Sources/*/include/*.h | sed -n 1p)
if [ ! -x "$binary" ] || [ "$newest" -nt "$binary" ]; then
    echo "Fuzz/run.sh: compiling $binary" >&2
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g -module-name NBRunKitFuzz -D NBRUN_FUZZ \
        -I "$deps/Modules" -I Sources/CCmarkGFM -I Sources/COpenBLAS "${cflags[@]}" \
        -Xcc -fmodule-map-file=.build/checkouts/Yams/Sources/CYaml/include/module.modulemap \
        -Xcc -fmodule-map-file=.build/checkouts/swift-syntax/Sources/_SwiftSyntaxCShims/include/module.modulemap \
        $sources "$resources" Fuzz/FuzzTarget.swift Tests/NBRunKitTests/FuzzInvariants.swift "${objects[@]}" \
        -lcmark-gfm -lcmark-gfm-extensions -lopenblas -o "$binary"
fi

if [ $# -eq 1 ] && [ -f "$1" ]; then
    exec "$binary" "$1"
fi

# The inputs that once took quadratic time, each once, bounded in CPU seconds, not wall
# time: under ASan the linear code takes up to 18 s of CPU (big-cell.md), the quadratic
# code took minutes, and on a busy machine the wall time of that 18 s run was 172 s.
limit=60
for slow in Fuzz/corpus/*; do
    TIMEFORMAT='%U %S'
    status=0
    { time "$binary" -timeout=0 -rss_limit_mb=4096 "$slow" >/dev/null 2>&1 || status=$?; } 2> "$out/cpu"
    [ "$status" -eq 0 ] || { echo "Fuzz/run.sh: $slow failed (exit $status)" >&2; exit 1; }
    used=$(awk '{ printf "%.2f", $1 + $2 }' "$out/cpu")
    awk "BEGIN { exit !($used <= $limit) }" || { echo "Fuzz/run.sh: $slow took $used s of CPU, over $limit" >&2; exit 1; }
    echo "Fuzz/run.sh: $slow in $used s of CPU" >&2
done

# Seed the corpus with every notebook in the repository (a no-op once they are in).
find notebooks Tests -name '*.md' -size -64k -print0 | while IFS= read -r -d '' seed; do
    cp -n "$seed" "$out/corpus/seed-$(echo "$seed" | tr '/ ' '__')" 2>/dev/null || true
done

# -fork=1 with -ignore_*: a crash or timeout is saved under artifacts/ and fuzzing goes on.
exec nice "$binary" "$out/corpus" -dict=Fuzz/markdown.dict -artifact_prefix="$out/artifacts/" \
    -max_len=4096 -timeout=10 -rss_limit_mb=4096 -max_total_time="$seconds" -print_final_stats=1 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 "$@"
