#!/usr/bin/env bash
# The service-account deployment of the README, end to end: a real Unix account owns
# the store (mode 0700), `earshot keys` maps two SSH keys to two logins, and a real
# sshd on 127.0.0.1 (started and stopped here) runs `earshot shell LOGIN` for each key.
# The account is made with useradd and removed afterwards, even on failure.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "$(basename "$0"): needs root, to make and remove real Unix users (CI runs as root)"; exit 1; }

SSHD=$(command -v sshd || echo /usr/sbin/sshd)
PORT=$((20000 + RANDOM % 20000))
SSH_DIR="$WORK/ssh"
SVC="eshot$$"
SVC_HOME="/home/$SVC"
STORE="$SVC_HOME/store"

deploy_cleanup() {
    [ -f "$SSH_DIR/sshd.pid" ] && kill "$(cat "$SSH_DIR/sshd.pid")" 2>/dev/null
    id "$SVC" >/dev/null 2>&1 && userdel -r "$SVC" 2>/dev/null
    true
}
CLEANUP_EXTRA=deploy_cleanup

# as_svc COMMAND...: run as the service account, in its own home.
as_svc() { runuser -u "$SVC" -- env HOME="$SVC_HOME" "$@"; }

setup_account() {
    useradd -m -d "$SVC_HOME" -s /bin/sh "$SVC"
    usermod -p '*' "$SVC"   # no password, but not locked: sshd lets keys in
    as_svc "$EARSHOT" init "$STORE" --organisation "Harbourside Libraries" >/dev/null
    # Fill the real store with the demo's people and work (an admin editing files).
    python3 - "$REPO/seeds/demo" "$STORE" "$SVC" <<'PY'
import json, sys
seed, store, svc = sys.argv[1:]
config = json.load(open(seed + "/store.json"))
del config["demo"]                     # a real store
json.dump(config, open(store + "/store.json", "w"), indent=2)
staff = json.load(open(seed + "/staff.json"))
staff["staff"].append({"login": svc, "name": "Service account", "role": "admin"})
json.dump(staff, open(store + "/staff.json", "w"), indent=2)
for name in ["snapshot.json", "journal.jsonl"]:
    open(store + "/" + name, "w").write(open(seed + "/" + name).read())
PY
    mkdir -p "$SSH_DIR/keys"
    chmod 711 "$WORK"; chmod 755 "$SSH_DIR" "$SSH_DIR/keys"
    ssh-keygen -q -t ed25519 -N '' -C "ben@branch" -f "$SSH_DIR/keys/ben"
    ssh-keygen -q -t ed25519 -N '' -C "priya@press" -f "$SSH_DIR/keys/priya"
    # A line of the account's own outside earshot's block, which must survive.
    mkdir -p "$SVC_HOME/.ssh"
    echo "# kept by hand" > "$SVC_HOME/.ssh/authorized_keys"
    chown -R "$SVC" "$SVC_HOME/.ssh"
    as_svc "$EARSHOT" keys add --store "$STORE" ben "$SSH_DIR/keys/ben.pub"
    as_svc "$EARSHOT" keys add --store "$STORE" priya "$SSH_DIR/keys/priya.pub"
}

start_sshd() {
    ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/host_key"
    cat > "$SSH_DIR/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $PORT
HostKey $SSH_DIR/host_key
PidFile $SSH_DIR/sshd.pid
UsePAM no
PrintMotd no
AllowUsers $SVC
PermitUserEnvironment no
# The README's lines for the service account:
Match User $SVC
    AuthorizedKeysFile .ssh/authorized_keys
    PubkeyAuthentication yes
    PasswordAuthentication no
    KbdInteractiveAuthentication no
    DisableForwarding yes
    PermitTunnel no
CONF
    mkdir -p /run/sshd
    "$SSHD" -f "$SSH_DIR/sshd_config" -E "$SSH_DIR/sshd.log"
    local deadline=$((SECONDS + 10))
    until [ -f "$SSH_DIR/sshd.pid" ] && as_key priya audit --since 2999-01-01 >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || { echo "sshd did not start:"; cat "$SSH_DIR/sshd.log"; return 1; }
        sleep 0.2
    done
}

SSH_OPTS="-p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes"

# as_key WHO [COMMAND...]: ssh to the service account with WHO's key, no terminal.
as_key() {
    local who=$1; shift
    # shellcheck disable=SC2086
    ssh -q -o BatchMode=yes $SSH_OPTS -i "$SSH_DIR/keys/$who" "$SVC@127.0.0.1" "$@"
}

# console_cmd WHO: the command a person types to reach the console.
console_cmd() { echo "ssh -q -t $SSH_OPTS -i $SSH_DIR/keys/$1 $SVC@127.0.0.1"; }

test_two_keys_map_to_two_logins_in_a_marked_block() {
    local file="$SVC_HOME/.ssh/authorized_keys"
    check "authorized_keys is 0600" test "$(stat -c %a "$file")" = 600
    check "the hand-written line is kept" grep -qxF "# kept by hand" "$file"
    check "ben's key runs earshot shell ben" grep -q "^restrict,pty,command=\"[^\"]* shell --store $STORE ben\" ssh-ed25519 " "$file"
    check "priya's key runs earshot shell priya" grep -q "^restrict,pty,command=\"[^\"]* shell --store $STORE priya\" ssh-ed25519 " "$file"
    local listed; listed=$(as_svc "$EARSHOT" keys list --store "$STORE")
    check "keys list names both" test "$(echo "$listed" | awk '{print $1}' | sort | tr '\n' ' ')" = "ben priya "
    check "ben's key cannot also be priya's" bash -c "! runuser -u $SVC -- env HOME=$SVC_HOME $EARSHOT keys add --store $STORE priya $SSH_DIR/keys/ben.pub 2>/dev/null"
    check "a login not in staff.json gets no key" bash -c "! runuser -u $SVC -- env HOME=$SVC_HOME $EARSHOT keys add --store $STORE mallory $SSH_DIR/keys/ben.pub 2>/dev/null"
    check "the store is the account's alone" test "$(stat -c %a "$STORE")" = 700
}

test_a_staff_key_gets_the_console_as_that_person_and_cannot_approve() {
    start ben "$(console_cmd ben)" 120 30
    wait_for ben "ben · staff" 20
    keys ben 2 a
    wait_for ben "only comms officers can approve drafts"
    keys ben q
    wait_for ben "EXITED:0"
    check "the refusal is recorded against ben" grep -q '"actor":"ben".*"refused"' "$STORE/journal.jsonl"
    check "no approval by ben" test -z "$(grep '"actor":"ben"' "$STORE/journal.jsonl" | grep '"approved"')"
}

test_a_comms_key_gets_the_console_as_that_person() {
    start priya "$(console_cmd priya)" 120 30
    wait_for priya "priya · comms" 20
    keys priya q
    wait_for priya "EXITED:0"
}

test_no_key_gets_a_shell_or_reads_files() {
    local out rc
    for cmd in "sh" "cat $STORE/journal.jsonl" "bash -c id" "audit; sh"; do
        set +e; out=$(as_key ben "$cmd" 2>&1); rc=$?; set -e
        check "'$cmd' fails for ben" test "$rc" -ne 0
        check "'$cmd' is refused with a message" grep -q "is not allowed" <<<"$out"
        check "'$cmd' shows no journal" test -z "$(grep -F '"seq"' <<<"$out")"
    done
    set +e; out=$(as_key priya "cat $STORE/journal.jsonl" 2>&1); rc=$?; set -e
    check "not for comms either" test "$rc" -ne 0
    # A staff member may not audit; a comms officer may, on this store only.
    set +e; out=$(as_key ben audit 2>&1); rc=$?; set -e
    check "audit is refused to staff" test "$rc" -ne 0
    check "staff are told what they may run" grep -q "ben (staff) may run: the console" <<<"$out"
    out=$(as_key priya audit --format jsonl)
    check "comms can audit" grep -q '"seq"' <<<"$out"
    set +e; out=$(as_key priya audit --store /tmp 2>&1); rc=$?; set -e
    check "no other store" test "$rc" -ne 0
}

test_a_removed_key_no_longer_gets_in() {
    as_svc "$EARSHOT" keys remove --store "$STORE" ben
    check "ben's line is gone" test -z "$(grep " shell --store $STORE ben\"" "$SVC_HOME/.ssh/authorized_keys")"
    check "priya's line stays" grep -q " shell --store $STORE priya\"" "$SVC_HOME/.ssh/authorized_keys"
    local rc; set +e; as_key ben audit >/dev/null 2>&1; rc=$?; set -e
    check "sshd now refuses ben's key" test "$rc" -eq 255
    as_svc "$EARSHOT" keys add --store "$STORE" ben "$SSH_DIR/keys/ben.pub" >/dev/null
}

test_earshot_shell_refuses_a_store_that_is_not_private() {
    local store; store=$(mktemp -d "$WORK/shared.XXXX")
    cp -R "$REPO/seeds/demo/." "$store/"
    chmod 2770 "$store"
    start s "$EARSHOT shell --store $store priya" 120 24
    wait_for s "EXITED:1"
    wait_for s "earshot shell serves only a store that belongs to the account running it"
}

setup_account || exit 1
start_sshd || exit 1
run_tests
