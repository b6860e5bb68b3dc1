#!/usr/bin/env bash
# The journal's hash chain from the command line: what `verify` and `fsck` say
# when someone with write access to the files forges or edits history, that they
# run for a user who can only read the store, and `migrate` for an older store.
source "$(dirname "$0")/lib.sh"

sha() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# approval SEQ ACTOR PREV: a comms officer's approval of d-0007, as a forger writes it.
approval() {
    printf '{"actor":"%s","at":"2026-11-27T15:20:00Z","basedOn":52,"change":{"approved":{"draft":"d-0007","revision":1}},"prev":"%s","seq":%s}' "$2" "$3" "$1"
}

test_verify_names_a_forged_approval_and_says_it_plainly() {
    local store; store=$(demo_store)
    "$EARSHOT" checkpoint --store "$store" >/dev/null || return 1
    # Failure 7: two approvals appended by a staff member; one "actor" hides a terminal title sequence.
    { approval 54 '\u001b]0;owned\u0007priya' "$(printf 'ab%.0s' {1..32})"; echo
      approval 55 morgan "$(printf 'ab%.0s' {1..32})"; echo; } >> "$store/journal.jsonl"
    local out
    out=$("$EARSHOT" verify --store "$store" 2>&1) && { echo "    verify said ok"; return 1; }
    check "names the line" grep -q "problem: journal.jsonl line 14 (seq 54, by .*priya) does not chain" <<<"$out" || return 1
    check "no escape byte reaches the terminal" bash -c '! grep -q $'"'"'\e'"'"' <<<"$1"' _ "$out" || return 1
    out=$("$EARSHOT" fsck --store "$store" 2>&1) && { echo "    fsck said ok"; return 1; }
    check "fsck runs verify" grep -q "journal.jsonl line 14 (seq 54" <<<"$out"
}

test_a_forger_who_recomputes_the_chain_breaks_the_checkpoint_kept_off_the_host() {
    local store; store=$(demo_store)
    "$EARSHOT" checkpoint --store "$store" >/dev/null || return 1
    cp "$store"/checkpoints/*.json "$WORK/offhost.json"
    rm -rf "$store/checkpoints"
    # Insert two approvals before the last real line and recompute every prev after them.
    local last keep prev line out
    last=$(tail -n 1 "$store/journal.jsonl")
    keep=$(head -n -1 "$store/journal.jsonl")
    prev=$(sha "$(tail -n 1 <<<"$keep")")
    local n; n=$(grep -o '"seq":[0-9]*' <<<"$last" | cut -d: -f2)
    {
        echo "$keep"
        line=$(approval "$n" priya "$prev"); echo "$line"; prev=$(sha "$line")
        line=$(approval $((n + 1)) morgan "$prev"); echo "$line"; prev=$(sha "$line")
        line=$(sed -E 's/"prev":"[0-9a-f]{64}"/"prev":"'"$prev"'"/; s/"seq":'"$n"'/"seq":'"$((n + 2))"'/' <<<"$last"); echo "$line"
    } > "$store/journal.new" && mv "$store/journal.new" "$store/journal.jsonl"
    out=$("$EARSHOT" verify --store "$store" 2>&1)
    check "the chain alone holds" grep -q "chain ok" <<<"$out" || return 1
    out=$("$EARSHOT" verify --store "$store" --checkpoint "$WORK/offhost.json" 2>&1) && { echo "    verify said ok"; return 1; }
    check "the signed checkpoint no longer matches" grep -q "rewritten after it was signed" <<<"$out"
}

test_verify_and_fsck_run_for_a_user_who_can_only_read_and_write_nothing() {
    local store; store=$(demo_store)
    "$EARSHOT" checkpoint --store "$store" >/dev/null || return 1
    rm -f "$store/.lock"
    chmod -R a+rX,a-w "$store"; chmod a+rx "$WORK"
    CLEANUP_EXTRA="chmod -R u+w '$store'"
    local before as=() bin=$EARSHOT
    if [ "$(id -u)" = 0 ]; then
        as=(runuser -u nobody --)
        # The checkout may sit in a directory nobody cannot enter: run a copy of the binary.
        bin="$WORK/earshot"; cp "$EARSHOT" "$bin"; chmod a+rx "$bin"
    fi
    before=$(ls -laR --time-style=full-iso "$store")
    "${as[@]}" "$bin" verify --store "$store" | grep -q "chain ok" || return 1
    "${as[@]}" "$bin" fsck --store "$store" | grep -q ": ok," || return 1
    check "nothing was written" test "$before" = "$(ls -laR --time-style=full-iso "$store")"
}

test_an_older_store_is_migrated_with_a_backup_never_silently() {
    local store out; store=$(demo_store)
    # The demo as Earshot 1 wrote it: no prev, no head, version 1.
    sed -i -E 's/,"prev":"[0-9a-f]{64}"//' "$store/journal.jsonl" "$store/archive/events.jsonl"
    sed -i -E '/"head": "[0-9a-f]{64}",/d; s/^  "version": 2(,?)$/  "version": 1\1/' "$store/snapshot.json" "$store/store.json"
    cp "$store/journal.jsonl" "$WORK/v1-journal.jsonl"
    out=$("$EARSHOT" fsck --store "$store" 2>&1) && return 1
    check "fsck says to migrate" grep -q "earshot migrate" <<<"$out" || return 1
    local events; events=$(cat "$store/archive/events.jsonl" "$store/journal.jsonl" | grep -c .)
    out=$("$EARSHOT" migrate --store "$store" 2>&1) || { echo "$out"; return 1; }
    check "says what it did" grep -q "migrated from format 1 to 2: $events events chained" <<<"$out" || return 1
    check "kept the old journal" cmp -s "$WORK/v1-journal.jsonl" "$store"/migrations/*/journal.jsonl || return 1
    out=$("$EARSHOT" verify --store "$store" 2>&1) || { echo "$out"; return 1; }
    "$EARSHOT" audit --store "$store" --format table | tail -n 1 | grep -q "migrated the store from format 1 to 2"
}

run_tests
