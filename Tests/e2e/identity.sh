#!/usr/bin/env bash
# Issue 12, failure 6: demo is a mode of the copy `earshot --demo` makes, never a
# property of a store. A copy made by hand (cp -R seeds/demo, as an admin following
# an example would) is a real store: no --as, no guest login, no demo clock.
source "$(dirname "$0")/lib.sh"

ME=$(id -un)

# hand_copy: seeds/demo copied by hand, demo block and all; prints its path.
hand_copy() {
    local dir; dir=$(mktemp -d "$WORK/hand.XXXX")
    cp -R "$REPO/seeds/demo/." "$dir/"
    echo "$dir"
}

# add_me STORE ROLE: put the person running the test into the store's staff.json.
add_me() {
    python3 - "$1/staff.json" "$ME" "$2" <<'PY'
import json, sys
path, login, role = sys.argv[1:]
data = json.load(open(path))
data["staff"].append({"login": login, "name": login, "role": role, "branch": "central"})
json.dump(data, open(path, "w"), indent=2)
PY
}

test_as_is_refused_on_a_store_opened_by_path() {
    local store; store=$(hand_copy)
    start s "$EARSHOT --store $store --as priya" 100 24
    wait_for s "EXITED:1"
    wait_for s "--as works only in a demo copy made by"
    check "nobody became priya" test -z "$(screen s | grep -F 'priya · comms')"
}

test_a_login_not_in_staff_is_refused_on_a_hand_copy() {
    local store; store=$(hand_copy)
    start s "$EARSHOT --store $store" 100 24
    wait_for s "EXITED:1"
    wait_for s "Your login '$ME' is not in"
}

test_the_demo_block_of_a_real_store_is_ignored_with_a_warning() {
    local store; store=$(hand_copy)
    add_me "$store" staff
    start s "$EARSHOT --store $store" 200 24
    wait_for s "$ME · staff"
    wait_for s "store.json has a demo block; it is ignored"
    keys s q
    wait_for s "EXITED:0"
}

test_the_demo_clock_never_moves_the_publisher() {
    local store; store=$(hand_copy)
    add_me "$store" admin
    # The anchor far ahead, and a scheduled post due between today and the anchor:
    # on the demo clock it would go out now; on the real clock it is not due.
    python3 - "$store" <<'PY'
import json, sys
root = sys.argv[1]
config = json.load(open(root + "/store.json"))
config["demo"]["clockAnchor"] = "2099-01-06T12:00:00Z"
json.dump(config, open(root + "/store.json", "w"), indent=2)
snap = json.load(open(root + "/snapshot.json"))
for d in snap["drafts"]:
    if d["id"] == "d-0003":
        d["scheduledFor"] = "2098-12-31T12:00:00Z"
json.dump(snap, open(root + "/snapshot.json", "w"), indent=2)
PY
    local out; out=$("$EARSHOT" publish --store "$store" 2>&1 || true)
    echo "$out" | sed 's/^/    | /'
    check "publish ran (it dealt with the unscheduled approved d-0006)" grep -q "d-0006" <<<"$out"
    check "publish warned that the demo block is ignored" grep -q "demo block; it is ignored" <<<"$out"
    check "d-0003 (due in 2098) was not published" test -z "$(ls "$store/outbox" 2>/dev/null | grep d-0003)"
}

test_a_copy_made_by_earshot_demo_is_a_demo_and_reopens_as_one() {
    local store; store=$(demo_store)
    check "the copy is private" test "$(stat -c %a "$store")" = 700
    start s "$EARSHOT --store $store --as priya"
    wait_for s "priya · comms"
    keys s q
    wait_for s "The demo store is kept at $store"
    # Reopened without --as: the demo's default login, not a refusal.
    start r "$EARSHOT --store $store"
    wait_for r "demo: you are aisha (staff)"
    keys r q
    wait_for r "EXITED:0"
}

test_a_demo_marker_copied_into_a_real_store_gains_nothing() {
    local demo; demo=$(demo_store)
    local store; store=$(hand_copy)
    cp -p "$demo/.earshot-demo.json" "$store/"
    chmod 700 "$store"
    start s "$EARSHOT --store $store --as priya" 100 24
    wait_for s "EXITED:1"
    wait_for s "--as works only in a demo copy made by"
}

test_init_never_writes_a_demo_block() {
    "$EARSHOT" init "$WORK/fresh" >/dev/null
    check "no demo block" test -z "$(grep -F '"demo"' "$WORK/fresh/store.json")"
    check "no demo marker" test ! -e "$WORK/fresh/.earshot-demo.json"
    start s "$EARSHOT --store $WORK/fresh --as priya" 100 24
    wait_for s "EXITED:1"
}

run_tests
