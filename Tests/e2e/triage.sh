#!/usr/bin/env bash
# End-to-end: replying and triage in the real binary, at 80x24.
source "$(dirname "$0")/lib.sh"

test_reply_survives_a_hangup_then_is_sent() {
    local store; store=$(demo_store)
    start w "$EARSHOT --store $store"
    wait_for w "1 Inbox"
    keys w r
    wait_for w "Reply to"
    type_text w "Thank you — ありがとう 📚 we will"
    wait_for w "ありがとう"
    sleep 0.6   # the debounced save
    # The SSH connection drops: the console gets SIGHUP mid-reply.
    pkill -HUP -f "^$EARSHOT --store $store\$"
    wait_for w "EXITED:0"
    grep -q "ありがとう" "$store/wip/"*.json

    start w2 "$EARSHOT --store $store"
    wait_for w2 "Your unsent reply is back"
    wait_for w2 "Thank you — ありがとう 📚 we will"
    keys w2 e
    type_text w2 " check the shelves."
    keys w2 Escape y
    wait_for w2 "Reply sent on Mastodon"
    keys w2 q
    wait_for w2 "EXITED:0"
    grep -q 'ありがとう 📚 we will check the shelves.' "$store/journal.jsonl"
    check "the saved copy is gone once sent" test -z "$(ls "$store/wip" 2>/dev/null)"
}

test_two_sessions_see_who_is_replying() {
    local store; store=$(demo_store)
    start one "$EARSHOT --store $store --as aisha"
    start two "$EARSHOT --store $store --as ben"
    wait_for one "1 Inbox"
    wait_for two "1 Inbox"
    keys two r
    wait_for two "Reply to"
    # Aisha, on the same (newest) item, sees Ben replying, live.
    wait_for one "Ben Okafor is replying to this now" 3
    wait_for one "✎"
    keys two Escape q q
    keys one q
}

test_bulk_triage_then_undo() {
    local store; store=$(demo_store)
    start b "$EARSHOT --store $store"
    wait_for b "1 Inbox"
    local open; open=$(screen b | grep -o 'Unhandled [0-9]*' | head -1 | awk '{print $2}')
    keys b Space Space Space d
    wait_for b "Done for all 3 selected items"
    wait_for b "Unhandled $((open - 3))"
    keys b u
    wait_for b "Unhandled $open"
    keys b q
    wait_for b "EXITED:0"
    check "three reverts in the journal" test "$(grep -c '"reverted"' "$store/journal.jsonl")" -eq 3
}

test_filter_with_a_bad_term_then_a_good_one() {
    local store; store=$(demo_store)
    start f "$EARSHOT --store $store"
    wait_for f "1 Inbox"
    keys f F
    type_text f "channel:myspace"
    keys f Enter
    wait_for f "bad filter at column 1"
    keys f End C-u
    type_text f "channel:flickr"
    keys f Enter
    wait_for f "channel:flickr"
    wait_for f "Flkr"
    check "only Flickr rows listed" test -z "$(screen f | sed -n '5,8p' | grep -E ' (X|FB|Mast|Bsky|Blog) ')"
    keys f q
}

run_tests
