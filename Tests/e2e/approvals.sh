#!/usr/bin/env bash
# End-to-end: a whole approval cycle across two roles, then `earshot publish`.
source "$(dirname "$0")/lib.sh"

test_draft_review_revise_approve_for_a_time_publish() {
    local store; store=$(demo_store)

    # Staff write a post and submit it.
    start staff "$EARSHOT --store $store --as aisha"
    wait_for staff "1 Inbox"
    keys staff 2 n
    wait_for staff "New post"
    type_text staff "Lantern making for families this Saturday at Central, 10:30. Free, no booking."
    keys staff Escape
    sleep 0.2
    keys staff y
    wait_for staff "Submitted d-aisha-"
    local id; id=$(screen staff | grep -o "d-aisha-[0-9]*" | head -1)
    keys staff q

    # Comms ask for a change.
    start comms "$EARSHOT --store $store --as priya"
    wait_for comms "1 Inbox"
    select_draft comms "$id"
    keys comms c
    wait_for comms "Changes to $id"
    type_text comms "Say it is in the children's library"
    keys comms Enter
    wait_for comms "back to Aisha Rahman"
    keys comms q

    # The author sees it, revises and resubmits.
    start staff2 "$EARSHOT --store $store --as aisha"
    wait_for staff2 "1 Inbox"
    select_draft staff2 "$id"
    wait_for staff2 "changes-requested"
    keys staff2 e
    wait_for staff2 "Editing $id"
    keys staff2 End
    type_text staff2 " In the children's library."
    keys staff2 Escape
    sleep 0.2
    keys staff2 y
    wait_for staff2 "Submitted $id"
    keys staff2 q

    # Comms compare the revisions, then approve for a time.
    start comms2 "$EARSHOT --store $store --as priya"
    wait_for comms2 "1 Inbox"
    select_draft comms2 "$id"
    keys comms2 D
    wait_for comms2 "revision 1 → 2"
    wait_for comms2 "children's library.+}"
    keys comms2 Escape A
    wait_for comms2 "to go out at"
    type_text comms2 "2026-11-27 17:00"
    keys comms2 Enter
    wait_for comms2 "Approved $id"
    keys comms2 S
    wait_for comms2 "17:00"
    keys comms2 Escape q

    # Not due yet at the demo's 15:30 (the demo's other approved post goes now)...
    local first; first=$("$EARSHOT" publish --store "$store")
    check "not published before its time" test -z "$(grep "published $id" <<<"$first")"
    # ...but the next morning it is, and only once (the demo clock lives in the copy's marker).
    sed -i -E 's/"clockAnchor" *: *"[^"]*"/"clockAnchor": "2026-11-28T09:00:00Z"/' "$store/.earshot-demo.json"
    "$EARSHOT" publish --store "$store" | grep -q "published $id: outbox/$id.facebook.json"
    grep -q "children's library" "$store/outbox/$id.facebook.json"
    check "published once only" test -z "$("$EARSHOT" publish --store "$store" | grep "published $id")"
    "$EARSHOT" audit --store "$store" --format table | grep -q "published $id"
}

test_two_officers_approving_at_once_exactly_one_wins() {
    local store; store=$(demo_store)
    start p "$EARSHOT --store $store --as priya"
    start m "$EARSHOT --store $store --as morgan"
    wait_for p "1 Inbox"
    wait_for m "1 Inbox"
    keys p 2
    keys m 2
    wait_for p "Selected draft"
    wait_for m "Selected draft"
    # Both press approve on the same revision of the same draft at once.
    keys p a & keys m a & wait
    local both deadline=$((SECONDS + 5))
    while [ $SECONDS -lt $deadline ]; do
        both="$(screen p; screen m)"
        grep -q "Approved d-0007" <<<"$both" && grep -q "changed d-0007" <<<"$both" && break
        sleep 0.1
    done
    check "exactly one approval" test "$(grep -c "Approved d-0007" <<<"$both")" -eq 1
    check "the other is told who" grep -qE "(Priya Nair|Morgan Ellis) changed d-0007 since you loaded it" <<<"$both"
    check "one approval in the journal" test "$(grep -c '"approved":{"draft":"d-0007"' "$store/journal.jsonl")" -eq 1
    keys p q
    keys m q
}

run_tests
