# Helpers for end-to-end tests that drive the real earshot binary in tmux, the
# way a person would: type keys, wait for words on the screen, read the store.
# Each test file sources this, defines test_* functions, and calls run_tests.

set -u
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$E2E_DIR/../.." && pwd)
EARSHOT=${EARSHOT_BIN:-$REPO/.build/debug/earshot}
WORK=$(mktemp -d /tmp/earshot-e2e.XXXXXX)
# A fresh tmux server (socket) per test, so one test's kill-server never races the
# next test's new-session ("server exited unexpectedly").
TMUX_SOCKET="earshot-e2e-$$-0"
PASSED=0
FAILED=0
FAILURES=()

t() { tmux -L "$TMUX_SOCKET" "$@"; }

cleanup() {
    t kill-server 2>/dev/null || true
    [ -n "${CLEANUP_EXTRA:-}" ] && eval "$CLEANUP_EXTRA"
    rm -rf "$WORK"
}
trap cleanup EXIT

# start NAME COMMAND [WIDTH HEIGHT]: run COMMAND in a new detached tmux session.
start() {
    local name=$1 cmd=$2 w=${3:-80} h=${4:-24}
    t new-session -d -s "$name" -x "$w" -y "$h" "$cmd; echo EXITED:\$?; sleep 30"
}

# keys NAME KEY...: tmux send-keys (names like Enter, Tab, BTab, Escape, Down).
keys() { local name=$1; shift; t send-keys -t "$name" "$@"; }

# type NAME TEXT: send literal text (UTF-8 included).
type_text() { t send-keys -t "$1" -l "$2"; }

screen() { t capture-pane -p -t "$1"; }

# wait_for NAME TEXT [SECONDS]: wait until TEXT (a fixed string) is on the screen.
wait_for() {
    local name=$1 text=$2 limit=${3:-10}
    local deadline=$((SECONDS + limit))
    while [ $SECONDS -lt $deadline ]; do
        if screen "$name" | grep -qF -- "$text"; then return 0; fi
        sleep 0.1
    done
    echo "    timed out after ${limit}s waiting for: $text" >&2
    echo "    screen was:" >&2
    screen "$name" | sed 's/^/    | /' >&2
    return 1
}

# wait_gone NAME TEXT [SECONDS]: wait until TEXT is no longer on the screen.
wait_gone() {
    local name=$1 text=$2 limit=${3:-10}
    local deadline=$((SECONDS + limit))
    while [ $SECONDS -lt $deadline ]; do
        if ! screen "$name" | grep -qF -- "$text"; then return 0; fi
        sleep 0.1
    done
    echo "    timed out after ${limit}s waiting for '$text' to go" >&2
    return 1
}

# demo_store: a fresh demo copy made by `earshot --demo` (so --as works in it); prints its path.
demo_store() { TMPDIR="$WORK" "$EARSHOT" --demo --copy-only; }

# select_draft NAME ID: move down the drafts pane until the detail shows draft ID.
select_draft() {
    local name=$1 id=$2 i
    keys "$name" 2 g
    wait_for "$name" "Selected draft" >/dev/null || return 1
    sleep 0.2
    for i in $(seq 1 20); do
        if screen "$name" | grep -q "^$id · "; then return 0; fi
        keys "$name" j
        sleep 0.15
    done
    echo "    draft $id not found in the drafts pane" >&2
    return 1
}

check() {
    # check DESCRIPTION COMMAND...: fail the current test with DESCRIPTION unless COMMAND succeeds.
    local what=$1; shift
    if ! "$@"; then echo "    check failed: $what" >&2; return 1; fi
}

run_tests() {
    local fn rc n=0
    for fn in $(declare -F | awk '{print $3}' | grep '^test_'); do
        n=$((n + 1))
        TMUX_SOCKET="earshot-e2e-$$-$n"
        # Not inside `if`: there bash would ignore set -e and a failed step would pass.
        ( set -e; $fn )
        rc=$?
        if [ $rc -eq 0 ]; then
            PASSED=$((PASSED + 1)); echo "  ok   $fn"
        else
            FAILED=$((FAILED + 1)); FAILURES+=("$fn"); echo "  FAIL $fn"
        fi
        t kill-server 2>/dev/null || true
    done
    echo "$(basename "$0" .sh): $PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
}
