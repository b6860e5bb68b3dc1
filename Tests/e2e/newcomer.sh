#!/usr/bin/env bash
# End-to-end: the path a new member of staff takes with only the README: install,
# build, run the demo, open it again, run the tests and read the verdict.
source "$(dirname "$0")/lib.sh"

test_the_build_prints_no_warnings() {
    local out; out=$(cd "$REPO" && swift build --product earshot 2>&1)
    check "no warnings from the build: $(grep -m3 warning: <<<"$out")" test -z "$(grep 'warning:' <<<"$out")"
}

test_the_readme_install_step_works_on_a_fresh_debian() {
    # The block under "Install first", as a fresh machine runs it: package lists
    # first (a fresh image has none), and -y (no one is there to answer).
    local block; block=$(awk '/^## Install first/{f=1} f&&/^```sh/{c=1;next} c&&/^```/{exit} c' "$REPO/README.md")
    check "an install block exists" test -n "$block"
    local first_install update_line
    update_line=$(grep -n 'apt-get update' <<<"$block" | head -1 | cut -d: -f1)
    first_install=$(grep -n 'apt-get install' <<<"$block" | head -1 | cut -d: -f1)
    check "apt-get update comes first" test -n "$update_line" -a "${update_line:-99}" -lt "${first_install:-0}"
    check "every install says -y" test -z "$(grep 'apt-get install' <<<"$block" | grep -v -- ' -y ')"
    # Everything CI installs for the tests, a person following the README installs too.
    local pkgs; pkgs=$(sed -n 's/^for pkg in \(.*\); do$/\1/p' "$REPO/.ci/run")
    check "the package list of .ci/run was found" test -n "$pkgs"
    for pkg in $pkgs mastodon-mock; do
        check "$pkg is installed by it" grep -qw -- "$pkg" <<<"$block"
    done
}

test_the_demo_tells_a_command_that_opens_it_again() {
    # As after `swift run`: earshot is not on the PATH.
    start d "env PATH=/usr/bin:/bin $EARSHOT --demo"
    wait_for d "1 Inbox"
    keys d q
    wait_for d "open it again with:"
    local cmd; cmd=$(screen d | tr -d '\n' | sed -n 's/.*open it again with: \(.*\)EXITED.*/\1/p')
    check "a command was printed" test -n "$cmd"
    local kept; kept=$(sed -n 's/.*--store \([^ ]*\).*/\1/p' <<<"$cmd" | tr -d "'")
    CLEANUP_EXTRA="rm -rf '$kept'"
    start again "env PATH=/usr/bin:/bin $cmd"
    wait_for again "1 Inbox"
    keys again q
    wait_for again "EXITED:0"
}

# Two tests in a row: each gets a tmux server of its own, so one test's
# kill-server can never take down (or race) the next one's sessions.
test_harness_a_first_test_leaves_its_server() {
    start one "sleep 60"
    echo "$TMUX_SOCKET" > "$WORK/first-socket"
}

test_harness_b_next_test_has_a_fresh_server() {
    local first; first=$(cat "$WORK/first-socket")
    check "a different socket from the previous test" test "$first" != "$TMUX_SOCKET"
    check "no sessions inherited" test -z "$(t list-sessions 2>/dev/null)"
}

test_the_verdict_counts_unit_and_end_to_end_results() {
    local passed=0 failed=0
    source "$REPO/Tests/count.sh"
    printf '%s\n' '◇ Test run started.' '✔ Test a() passed after 0.1 seconds.' \
        '✘ Test b() failed after 0.1 seconds with 1 issue.' '✔ Test c() passed after 0.1 seconds.' \
        '✘ Test run with 3 tests failed after 0.2 seconds with 1 issue.' > "$WORK/unit.log"
    count "$WORK/unit.log" 1
    printf '%s\n' '  ok   test_x' 'console: 4 passed, 1 failed' > "$WORK/e2e.log"
    count "$WORK/e2e.log" 1
    printf '%s\n' 'sshd did not start' > "$WORK/dead.log"
    count "$WORK/dead.log" 1
    check "passed counted ($passed)" test "$passed" -eq 6
    check "failed counted ($failed)" test "$failed" -eq 3
    check "run-all ends with the verdict" grep -q '^echo "$passed passed, $failed failed"$' "$REPO/Tests/run-all.sh"
}

run_tests
