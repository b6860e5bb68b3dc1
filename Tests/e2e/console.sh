#!/usr/bin/env bash
# End-to-end: the real binary in tmux at 80x24, on a copy of the demo store.
source "$(dirname "$0")/lib.sh"

test_triage_and_approve_survive_a_restart() {
    local store; store=$(demo_store)
    local before_handled
    before_handled=$(grep -c '"to":"handled"' "$store/journal.jsonl" || true)

    # Branch staff (the demo's default login) marks the newest comment handled.
    start staff "$EARSHOT --store $store"
    wait_for staff "1 Inbox"
    wait_for staff "Unhandled"
    local row; row=$(screen staff | grep -m1 -F "▸")
    keys staff d
    wait_for staff "Marked handled:"
    keys staff q
    wait_for staff "EXITED:0"

    # A comms officer approves the draft that has waited longest.
    start comms "$EARSHOT --store $store --as priya"
    wait_for comms "priya · comms"
    keys comms 2
    wait_for comms "Selected draft"
    local waiting; waiting=$(screen comms | grep -o 'Awaiting approval [0-9]*' | head -1 | awk '{print $3}')
    keys comms a
    wait_for comms "Approved d-"
    local approved; approved=$(screen comms | grep -o 'Approved d-[0-9]*' | head -1 | cut -d' ' -f2)
    keys comms q
    wait_for comms "EXITED:0"

    # Reopen: both are done, on screen and in the journal.
    start again "$EARSHOT --store $store --as priya"
    wait_for again "1 Inbox"
    check "the triaged item's row now says handled" grep -qF "handled" <<<"$(screen again | grep -m1 -F "▸")"
    wait_for again "Awaiting approval $((waiting - 1))"
    keys again 2
    wait_for again "Selected draft"
    # Down the queue (weeks of published history follow) to the approved draft.
    local moves=0
    until screen again | grep -qF "$approved ·"; do
        keys again j; moves=$((moves + 1)); [ $moves -lt 60 ]; sleep 0.1
    done
    check "its row (the drafts pane's pointer) says approved" grep -qF "approved" <<<"$(screen again | grep -F "▸" | tail -1)"
    keys again q
    check "journal has one more handled triage" test "$(grep -c '"to":"handled"' "$store/journal.jsonl")" -eq $((before_handled + 1))
    check "journal has the approval of $approved" grep -q "\"approved\":{\"draft\":\"$approved\"" "$store/journal.jsonl"
    [ -n "$row" ]
}

test_staff_cannot_approve_and_the_refusal_is_audited() {
    local store; store=$(demo_store)
    start s "$EARSHOT --store $store --as ben"
    wait_for s "ben · staff"
    keys s 2 a
    wait_for s "only comms officers can approve drafts"
    keys s q
    grep -q '"refused"' "$store/journal.jsonl"
}

test_request_changes_with_a_typed_comment() {
    local store; store=$(demo_store)
    start c "$EARSHOT --store $store --as morgan"
    wait_for c "morgan · comms"
    keys c 2 c
    wait_for c "Changes to d-"
    type_text c "Please add the room — and 日本語 too 📚"
    keys c Enter
    wait_for c "back to"
    keys c q
    grep -q 'Please add the room — and 日本語 too 📚' "$store/journal.jsonl"
}

test_demo_flag_copies_the_seed_and_never_touches_it() {
    local sum_before; sum_before=$(find "$REPO/seeds/demo" -type f | sort | xargs cat | md5sum)
    start d "$EARSHOT --demo"
    wait_for d "1 Inbox"
    keys d d
    wait_for d "Marked handled:"
    keys d q
    wait_for d "The demo store is kept at"
    check "seeds/demo unchanged" test "$(find "$REPO/seeds/demo" -type f | sort | xargs cat | md5sum)" = "$sum_before"
    local kept; kept=$(screen d | grep -o '/tmp/earshot-demo-[a-z0-9]*' | head -1)
    check "the copy has the triage" grep -q '"to":"handled"' "$kept/journal.jsonl"
    rm -rf "$kept"
}

test_help_lists_keys_and_escape_closes_it() {
    local store; store=$(demo_store)
    start h "$EARSHOT --store $store"
    wait_for h "1 Inbox"
    keys h '?'
    wait_for h "mark handled (done)"
    keys h Escape
    wait_gone h "mark handled (done)"
    keys h Tab '?'
    wait_for h "approve (comms)"
    keys h Escape q
    wait_for h "EXITED:0"
}

test_too_small_then_resized() {
    local store; store=$(demo_store)
    start r "$EARSHOT --store $store" 70 20
    wait_for r "Terminal too small"
    t resize-window -t r -x 100 -y 30
    wait_for r "1 Inbox"
    wait_gone r "Terminal too small"
    keys r q
    wait_for r "EXITED:0"
}

test_hostile_comment_cannot_set_the_title() {
    local store; store=$(demo_store)
    t set-option -g set-titles on 2>/dev/null || true
    start x "$EARSHOT --store $store"
    wait_for x "1 Inbox"
    # Walk the whole inbox so every comment, the hostile one too, is drawn in the detail area.
    for _ in $(seq 1 80); do keys x j; done
    sleep 0.5
    local title; title=$(t display-message -p -t x '#{pane_title}')
    check "pane title untouched (was '$title')" test "${title#*pwned}" = "$title"
    keys x q
    wait_for x "EXITED:0"
}

test_hangup_restores_and_keeps_the_store() {
    local store; store=$(demo_store)
    start k "$EARSHOT --store $store"
    wait_for k "1 Inbox"
    keys k d
    wait_for k "Marked handled:"
    # Signal the console itself, not the shell tmux started it from.
    pkill -HUP -f "^$EARSHOT --store $store\$"
    wait_for k "EXITED:0"
    "$EARSHOT" fsck --store "$store" >/dev/null
    grep -q '"to":"handled"' "$store/journal.jsonl"
}

test_unknown_store_says_what_to_do() {
    local out
    out=$("$EARSHOT" --store "$WORK/nothing-here" 2>&1) && return 1
    grep -q "earshot init" <<<"$out"
}

test_malformed_journal_names_file_and_line() {
    local store; store=$(demo_store)
    echo '{"this is": not json' >> "$store/journal.jsonl"
    echo '{"seq": 999}' >> "$store/journal.jsonl"
    local lines; lines=$(wc -l < "$store/journal.jsonl")
    local out; out=$("$EARSHOT" --store "$store" 2>&1) && return 1
    grep -q "journal.jsonl line $((lines - 1))" <<<"$out"
}

test_init_creates_a_store_that_opens() {
    "$EARSHOT" init "$WORK/new" --organisation "Test Libraries" >/dev/null
    start i "$EARSHOT --store $WORK/new"
    wait_for i "Test Libraries"
    wait_for i "Nothing in the inbox"
    keys i q
    wait_for i "EXITED:0"
}

test_two_sessions_see_each_other_within_a_second() {
    local store; store=$(demo_store)
    start one "$EARSHOT --store $store --as aisha"
    start two "$EARSHOT --store $store --as ben"
    wait_for one "1 Inbox"
    wait_for two "1 Inbox"
    local open; open=$(screen two | grep -o 'Unhandled [0-9]*' | head -1 | awk '{print $2}')
    keys one d
    wait_for one "Marked handled:"
    # The other session follows the journal and redraws by itself.
    wait_for two "Unhandled $((open - 1))" 2
    keys one q
    keys two q
}

test_opening_never_compacts_the_timer_verbs_do() {
    local store; store=$(demo_store)
    python3 -c '
import json
for i in range(5000):
    print(json.dumps({"channel": "mastodon", "id": "many-%d" % i, "handle": "@jo@ex.social", "text": "hello %d" % i, "time": "2026-11-27T10:00:00Z"}))
' > "$WORK/many.jsonl"
    "$EARSHOT" receive --store "$store" < "$WORK/many.jsonl" >/dev/null
    local before; before=$(wc -l < "$store/journal.jsonl")
    check "the journal is past the threshold ($before)" [ "$before" -ge 5000 ]
    start c "$EARSHOT --store $store"
    wait_for c "1 Inbox"
    keys c q
    wait_for c "EXITED:0"
    check "opening left the journal alone" [ "$(wc -l < "$store/journal.jsonl")" -eq "$before" ]
    "$EARSHOT" publish --store "$store" > "$WORK/publish.txt"
    check "publish compacted it" grep -q "compacted [0-9]* journal events into snapshot.json" "$WORK/publish.txt"
    check "the journal starts again empty" [ ! -s "$store/journal.jsonl" ]
    check "compact --if-needed has nothing to do" grep -q "nothing to do" <<<"$("$EARSHOT" compact --store "$store" --if-needed)"
    "$EARSHOT" fsck --store "$store" >/dev/null
}

test_version_and_help_name_every_verb() {
    "$EARSHOT" --version | grep -qE '^[0-9]+\.[0-9]+\.[0-9]+$'
    local help; help=$("$EARSHOT" --help)
    for verb in open init fsck compact; do grep -q "  $verb" <<<"$help"; done
    "$EARSHOT" help open | grep -q -- "--demo"
}

test_no_colour_terminals_stay_readable() {
    local store; store=$(demo_store)
    # vt100 has no colour at all; NO_COLOR asks for none. Both draw with attributes only.
    start mono "TERM=vt100 $EARSHOT --store $store"
    wait_for mono "1 Inbox"
    keys mono q
    wait_for mono "EXITED:0"
    start nc "NO_COLOR=1 $EARSHOT --store $store --theme light"
    wait_for nc "1 Inbox"
    keys nc j d
    wait_for nc "Marked handled:"
    keys nc q
    wait_for nc "EXITED:0"
}

test_full_disk_loses_nothing_and_says_so() {
    local store; store=$(demo_store)
    # A file-size limit just above the journal's size stands in for a full disk:
    # appends fail part-way (EFBIG) exactly as they would with ENOSPC.
    local blocks=$(( $(stat -c %s "$store/journal.jsonl") / 1024 + 1 ))
    start full "(trap '' XFSZ; ulimit -f $blocks; $EARSHOT --store $store)"
    wait_for full "1 Inbox"
    local i
    for i in $(seq 1 12); do keys full d; sleep 0.2; done
    wait_for full "Not saved: could not write journal.jsonl (File too large); nothing changed"
    keys full q
    wait_for full "EXITED:0"
    # Every line in the journal is whole, and the store opens without a warning.
    check "journal ends with a newline" test "$(tail -c 1 "$store/journal.jsonl" | od -An -c | tr -d ' ')" = '\n'
    check "fsck finds nothing wrong" "$EARSHOT" fsck --store "$store" >/dev/null
    local saved; saved=$(grep -c '"to":"handled"' "$store/journal.jsonl")
    start after "$EARSHOT --store $store"
    wait_for after "1 Inbox"
    wait_gone after "incomplete"
    keys after q
    [ "$saved" -ge 1 ]
}

run_tests
