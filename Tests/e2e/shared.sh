#!/usr/bin/env bash
# The shared-group deployment with two real Unix users in one group (made with
# useradd here, removed afterwards even on failure), under umask 022 and 002: both
# open and triage; Earshot sets every mode itself; a symlink planted by a group
# member at a temporary file's name is never followed; a reader audits read-only.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "$(basename "$0"): needs root, to make and remove real Unix users (CI runs as root)"; exit 1; }

GRP="esg$$"
A="esa$$"          # admin, runs publish
B="esb$$"          # branch staff, and the one who plants the link
C="esc$$"          # not in the group: may only read a copy
SHARED="$WORK/shared"

shared_cleanup() {
    for u in "$A" "$B" "$C"; do id "$u" >/dev/null 2>&1 && userdel -r "$u" 2>/dev/null; done
    getent group "$GRP" >/dev/null && groupdel "$GRP" 2>/dev/null
    true
}
CLEANUP_EXTRA=shared_cleanup

setup_users() {
    groupadd "$GRP"
    useradd -m -s /bin/sh -G "$GRP" "$A"
    useradd -m -s /bin/sh -G "$GRP" "$B"
    useradd -m -s /bin/sh "$C"
    chmod 711 "$WORK"
    mkdir -p "$SHARED"; chmod 755 "$SHARED"
}

# as USER MASK COMMAND...: run COMMAND as USER with umask MASK, in USER's home.
as() {
    local user=$1 mask=$2; shift 2
    runuser -u "$user" -- sh -c "umask $mask; cd; exec env HOME=/home/$user \"\$@\"" sh "$@"
}

# shared_store MASK: a store in a directory the admin gave the group beforehand, as
# the README says; made by A with `earshot init`, then filled with the demo's work.
shared_store() {
    local mask=$1 store; store=$(mktemp -d "$SHARED/store.XXXX")
    chgrp "$GRP" "$store"; chmod 2770 "$store"
    as "$A" "$mask" "$EARSHOT" init "$store" >/dev/null
    python3 - "$REPO/seeds/demo" "$store" "$A" "$B" <<'PY'
import json, sys
seed, store, a, b = sys.argv[1:]
config = json.load(open(seed + "/store.json"))
del config["demo"]
config.get("postPolicy", {}).pop("quietHours", None)
json.dump(config, open(store + "/store.json", "w"), indent=2)
staff = json.load(open(seed + "/staff.json"))
staff["staff"] += [{"login": a, "name": "A", "role": "admin"},
                   {"login": b, "name": "B", "role": "staff", "branch": "central"}]
json.dump(staff, open(store + "/staff.json", "w"), indent=2)
snap = json.load(open(seed + "/snapshot.json"))
for d in snap["drafts"]:
    if d["id"] == "d-0006":
        d["channels"] = ["facebook"]
json.dump(snap, open(store + "/snapshot.json", "w"), indent=2)
open(store + "/journal.jsonl", "w").write(open(seed + "/journal.jsonl").read())
PY
    echo "$store"
}

# triage_as USER MASK STORE [KEYS]: open the console as USER, move with KEYS, mark that item handled.
triage_as() {
    local user=$1 mask=$2 store=$3 move=${4:-}
    start "$user" "runuser -u $user -- sh -c 'umask $mask; exec env HOME=/home/$user $EARSHOT --store $store'" 120 30
    wait_for "$user" "$user · " 20
    [ -z "$move" ] || keys "$user" $move
    keys "$user" d
    wait_for "$user" "Marked handled:"
    keys "$user" q
    wait_for "$user" "EXITED:0"
}

# modes_ok STORE: every file 0660 in the group, unsent replies 0600, directories setgid.
modes_ok() {
    local store=$1 bad
    bad=$(find "$store" -mindepth 1 \( -type f ! -path '*/wip/*' ! -perm 0660 \) -o \( -type f -path '*/wip/*' ! -perm 0600 \) \
          -o \( -type d ! -perm -2770 \) -o ! -group "$GRP" -o -type l)
    [ -z "$bad" ] || { echo "    wrong mode or group:"; ls -la $bad | sed 's/^/    /'; return 1; }
}

both_users_triage_under() {
    local mask=$1 store; store=$(shared_store "$mask")
    triage_as "$A" "$mask" "$store"
    triage_as "$B" "$mask" "$store" j
    check "both triages are in the journal" test "$(grep -c "\"actor\":\"\(${A}\|${B}\)\".*\"triaged\"" "$store/journal.jsonl")" -eq 2
    check ".lock was made by init" test -f "$store/.lock"
    modes_ok "$store"
}

test_both_users_open_and_triage_under_umask_022() { both_users_triage_under 022; }
test_both_users_open_and_triage_under_umask_002() { both_users_triage_under 002; }

test_a_planted_symlink_at_the_publishers_temp_name_is_not_followed() {
    local store; store=$(shared_store 022)
    # A's own private file, and B's link to it at the name publish used for its temp file.
    as "$A" 077 sh -c 'echo "A private" > secret'
    local victim=/home/$A/secret
    as "$B" 002 mkdir -p "$store/outbox"   # where an older Earshot had not made it yet
    # The link carries the pid publish will have: this shell's, kept by exec.
    bash -c '
        link="$1/outbox/.d-0006.facebook.json.$$.tmp"
        ln -s "$2" "$link" && chown -h "$3" "$link"
        exec setpriv --reuid "$4" --regid "$4" --init-groups env HOME=/home/$4 "$5" publish --store "$1"
    ' _ "$store" "$victim" "$B" "$A" "$EARSHOT" || true
    check "the victim's file is untouched" test "$(cat "$victim")" = "A private"
    check "the post was published for real" grep -q '"draft" : "d-0006"' "$store/outbox/d-0006.facebook.json"
    # The link itself is B's and stays; everything Earshot made follows the rules.
    find "$store/outbox" -type l -delete
    modes_ok "$store"
}

test_a_reader_outside_the_group_can_audit_a_read_only_copy() {
    local store; store=$(shared_store 022)
    triage_as "$A" 022 "$store"
    local ro="$SHARED/readonly"
    cp -R "$store" "$ro"
    chown -R root:root "$ro"; chmod -R a+rX,go-w "$ro"; chmod -R a-w "$ro"
    local out; out=$(as "$C" 022 "$EARSHOT" audit --store "$ro" --format table)
    check "the reader sees A's triage" grep -q "$A .*triaged" <<<"$out"
    as "$C" 022 "$EARSHOT" fsck --store "$ro" | grep -q ": ok"
}

test_init_with_a_group_makes_a_shared_store() {
    mkdir "$SHARED/a"; chown "$A" "$SHARED/a"
    local store="$SHARED/a/by-init"
    as "$A" 022 "$EARSHOT" init "$store" --group "$GRP" >/dev/null
    check "the store is setgid and group-writable" test "$(stat -c %a "$store")" = 2770
    modes_ok "$store"
}

setup_users || exit 1
run_tests
