# Counting for Tests/run-all.sh's verdict line. Sourced; expects $passed and $failed.

# count OUTPUT_FILE EXIT_STATUS: adds one runner's results to $passed and $failed.
# swift test (Swift Testing) prints a line per test; an e2e script ends with
# "name: P passed, F failed". A runner that failed without saying so counts as one failure.
count() {
    local p f line
    p=$(grep -aE '^✔ Test .+ passed after' "$1" | grep -avc '^✔ Test run with' || true)
    f=$(grep -aE '^✘ Test .+ failed after' "$1" | grep -avc '^✘ Test run with' || true)
    # Tests running in parallel can interleave their lines; the closing summary
    # ("Test run with N tests") has the total, so passed is what of it did not fail.
    local total
    total=$(grep -aoE '^[✔✘] Test run with [0-9]+ tests?' "$1" | tail -1 | grep -oE '[0-9]+' || true)
    if [ -n "$total" ]; then p=$((total - f)); fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        line=$(grep -aE '^[a-z0-9_-]+: [0-9]+ passed, [0-9]+ failed$' "$1" | tail -1 || true)
        if [ -n "$line" ]; then
            p=$(sed -E 's/^.*: ([0-9]+) passed, .*$/\1/' <<<"$line")
            f=$(sed -E 's/^.* ([0-9]+) failed$/\1/' <<<"$line")
        fi
    fi
    if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
}
