#!/usr/bin/env bash
# End-to-end over a real sshd on 127.0.0.1, started and stopped by this test.
# The SSH session gets no LANG (as on many hosts), so this also proves the
# locale fallback: Unicode via C.UTF-8, never mojibake.
source "$(dirname "$0")/lib.sh"

SSHD=$(command -v sshd || echo /usr/sbin/sshd)
PORT=$((20000 + RANDOM % 20000))
SSH_DIR="$WORK/ssh"
USER_NAME=$(id -un)

start_sshd() {
    mkdir -p "$SSH_DIR" /run/sshd 2>/dev/null || mkdir -p "$SSH_DIR"
    chmod 700 "$SSH_DIR"
    ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$SSH_DIR/user_key"
    cp "$SSH_DIR/user_key.pub" "$SSH_DIR/authorized_keys"
    chmod 600 "$SSH_DIR/authorized_keys"
    cat > "$SSH_DIR/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $PORT
HostKey $SSH_DIR/host_key
AuthorizedKeysFile $SSH_DIR/authorized_keys
PidFile $SSH_DIR/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
AcceptEnv none
PrintMotd no
CONF
    "$SSHD" -f "$SSH_DIR/sshd_config" -E "$SSH_DIR/sshd.log"
    CLEANUP_EXTRA='[ -f "$SSH_DIR/sshd.pid" ] && kill $(cat "$SSH_DIR/sshd.pid") 2>/dev/null'
    local deadline=$((SECONDS + 10))
    until [ -f "$SSH_DIR/sshd.pid" ] && ssh_run true 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || { echo "sshd did not start:"; cat "$SSH_DIR/sshd.log"; return 1; }
        sleep 0.2
    done
}

ssh_cmd() {
    echo "ssh -q -t -i $SSH_DIR/user_key -p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o SendEnv=- $USER_NAME@127.0.0.1"
}

ssh_run() {
    ssh -q -i "$SSH_DIR/user_key" -p "$PORT" -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile=/dev/null "$USER_NAME@127.0.0.1" "$@"
}

test_over_ssh_triage_approve_reopen() {
    local store; store=$(demo_store)
    # env -u LANG -u LC_ALL: the remote side sees no locale at all.
    start remote "env -u LANG -u LC_ALL -u LC_CTYPE $(ssh_cmd) 'env -u LANG -u LC_ALL $EARSHOT --store $store'"
    wait_for remote "1 Inbox" 20
    wait_for remote "▁"   # the sparkline: Unicode works through the C.UTF-8 fallback
    keys remote d
    wait_for remote "Marked handled:"
    keys remote q
    wait_for remote "EXITED:0"

    start remote2 "$(ssh_cmd) '$EARSHOT --store $store --as priya'"
    wait_for remote2 "priya · comms" 20
    keys remote2 2 a
    wait_for remote2 "Approved d-"
    keys remote2 q
    wait_for remote2 "EXITED:0"

    start remote3 "$(ssh_cmd) '$EARSHOT --store $store'"
    wait_for remote3 "1 Inbox" 20
    check "first row is handled after reopening" grep -qF handled <<<"$(screen remote3 | grep -m1 -F '▸')"
    keys remote3 q
    grep -q '"to":"handled"' "$store/journal.jsonl"
    grep -q '"approved":{"draft"' "$store/journal.jsonl"
}

test_over_ssh_ascii_switch_draws_plain_ascii() {
    local store; store=$(demo_store)
    start a "$(ssh_cmd) '$EARSHOT --store $store --ascii'"
    wait_for a "1 Inbox" 20
    wait_for a "> "
    check "no non-ASCII on screen" test -z "$(screen a | LC_ALL=C grep -P '[^\x00-\x7f]')"
    keys a q
    wait_for a "EXITED:0"
}

test_dropped_connection_leaves_the_store_whole() {
    local store; store=$(demo_store)
    start drop "$(ssh_cmd) '$EARSHOT --store $store'"
    wait_for drop "1 Inbox" 20
    keys drop d
    wait_for drop "Marked handled:"
    # The console must be found before it can be proved gone: a pattern that never
    # matched would make the wait below pass without testing anything.
    local pids; pids=$(pgrep -f -- "^[^ ]*earshot --store $store\$" || true)
    check "the remote console is running" test -n "$pids"
    # Kill the client side: sshd hangs up on earshot (SIGHUP).
    pkill -f "ssh -q -t -i $SSH_DIR/user_key" || true
    local deadline=$((SECONDS + 10)) pid
    for pid in $pids; do
        while kill -0 "$pid" 2>/dev/null; do
            [ $SECONDS -lt $deadline ] || { echo "earshot still running after hang-up"; kill -KILL "$pid"; return 1; }
            sleep 0.2
        done
    done
    # The store still opens and checks clean.
    "$EARSHOT" fsck --store "$store" >/dev/null
    grep -q '"to":"handled"' "$store/journal.jsonl"
}

start_sshd || exit 1
run_tests
