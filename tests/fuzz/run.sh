#!/bin/sh
# tests/fuzz/run.sh regress|fuzz BUILD TARGET...
#   regress: replays each target's seeds and kept crash inputs through the
#            target built without libFuzzer (BUILD/fuzz-regress/fuzz_T).
#   fuzz:    runs libFuzzer (BUILD/fuzz/fuzz_T) for $FUZZ_SECONDS per target,
#            prints its final stats, and copies crash inputs into
#            tests/fuzz/regress/T/ so they become regression inputs.
set -e
mode=$1; build=$2; shift 2
python3 tests/fuzz/seeds.py "$build/fuzz-seeds"
seeds() {
    case $1 in
        check) echo "corpus tests/fuzz/regress/check" ;;
        norm)  echo "$build/fuzz-seeds/norm tests/fuzz/regress/norm" ;;
        rules) echo "$build/fuzz-seeds/rules tests/fuzz/regress/rules" ;;
        page)  echo "tests/fuzz/regress/page" ;;
        store) echo "tests/fuzz/regress/store" ;;
        index) echo "tests/fuzz/regress/index" ;;
    esac
}
status=0
for t in "$@"; do
    dirs=$(seeds "$t")
    if [ "$mode" = regress ]; then
        # shellcheck disable=SC2086
        files=$(find $dirs -type f ! -name '.*' ! -name manifest.tsv ! -name '*.json' | sort)
        # shellcheck disable=SC2086
        "$build/fuzz-regress/fuzz_$t" $files
    else
        mkdir -p "$build/fuzz/corpus_$t" "$build/fuzz/crash_$t"
        rm -f "$build/fuzz/crash_$t"/*
        echo "== fuzz_$t for ${FUZZ_SECONDS:-60} s"
        # shellcheck disable=SC2086
        # short allocation stacks and a small quarantine: the allocator, not our code, was the cost
        if ! ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=4:quarantine_size_mb=32}" "$build/fuzz/fuzz_$t" -max_total_time="${FUZZ_SECONDS:-60}" -print_final_stats=1 -timeout=10 \
            -rss_limit_mb=4096 -artifact_prefix="$build/fuzz/crash_$t/" "$build/fuzz/corpus_$t" $dirs \
            > "$build/fuzz/fuzz_$t.log" 2>&1; then
            status=1
        fi
        grep -E '^(#[0-9]+.*DONE|stat::|INFO: .*(Loaded|seed corpus))|ERROR|SUMMARY' "$build/fuzz/fuzz_$t.log" | tail -n 20
        for c in "$build/fuzz/crash_$t"/*; do
            [ -f "$c" ] || continue
            cp "$c" "tests/fuzz/regress/$t/"
            echo "fuzz_$t: kept $(basename "$c") in tests/fuzz/regress/$t/"
            status=1
        done
    fi
done
exit $status
