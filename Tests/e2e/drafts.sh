#!/usr/bin/env bash
# End-to-end: every dead end of the drafts workflow (issue 10), walked to its way out.
source "$(dirname "$0")/lib.sh"

# open_as NAME LOGIN STORE: the console as LOGIN on STORE; cli_as LOGIN STORE ARGS...: a
# command-line verb as LOGIN. The only places a login is chosen.
open_as() {
    start "$1" "$EARSHOT --store $3 --as $2"
    wait_for "$1" "1 Inbox"
}
cli_as() {
    local login=$1 store=$2; shift 2
    "$EARSHOT" "$@" --store "$store" --as "$login"
}

# menu NAME: from the post editor to its menu.
menu() { keys "$1" Escape; sleep 0.3; }

test_image_alt_text_channels_and_saves_can_be_fixed_before_submitting() {
    local store; store=$(demo_store)
    open_as dan chloe "$store"
    select_draft dan d-0010
    # Staff are offered submit, not approve.
    wait_for dan "s submit"
    check "no approve hint for staff" test -z "$(screen dan | grep -F 'a approve')"
    keys dan e
    wait_for dan "Editing d-0010"
    menu dan
    keys dan i
    wait_for dan "Image (path"
    type_text dan "knitters.jpg"
    keys dan Enter
    wait_for dan "image without alt text"
    # The way out: the same path again, with alt text.
    keys dan i
    wait_for dan "knitters.jpg |"
    type_text dan "Six people knitting round a library table"
    keys dan Enter
    wait_for dan "image knitters.jpg has alt text"
    # Channels can change after the first save.
    keys dan h
    wait_for dan "Channels:"
    keys dan C-u
    type_text dan "facebook mastodon"
    keys dan Enter
    wait_for dan "for Facebook, Mastodon"
    keys dan s
    wait_for dan "refers to 1 image"
    wait_for dan "d-0010 · "
    screen dan | grep -q 'alt “Six people knitting'
    grep '"channelsChanged"' "$store/journal.jsonl" | grep -q '"facebook","mastodon"'
    # An image can also be removed.
    keys dan e
    wait_for dan "Editing d-0010"
    menu dan
    keys dan i
    wait_for dan "Image (path"
    keys dan -- "-knitters.jpg"
    keys dan Enter
    wait_for dan "image knitters.jpg removed"
    keys dan s
    wait_for dan "refers to 0 images"
    # Saving a never-submitted draft twice keeps one revision.
    keys dan e
    wait_for dan "Editing d-0010"
    keys dan 'M->'
    type_text dan " All welcome."
    menu dan
    keys dan s
    wait_for dan "Saved d-0010 revision 1"
    keys dan e
    wait_for dan "Editing d-0010"
    keys dan 'M->'
    type_text dan " Tea provided."
    menu dan
    keys dan s
    wait_for dan "Saved d-0010 revision 1"
    # And staff submit a saved draft from the pane.
    keys dan s
    wait_for dan "Submitted d-0010"
    keys dan q
}

# A post for a time, submitted by aisha, left to expire at the next day's publish run; prints its id.
expired_post() {
    local store=$1
    open_as exp aisha "$store"
    keys exp 2 n
    wait_for exp "New post"
    type_text exp "Storytime in the garden, weather permitting."
    menu exp
    keys exp t
    wait_for exp "Goes out at"
    type_text exp "2026-11-27 17:00"
    keys exp Enter
    wait_for exp "goes out 2026-11-27 17:00"
    keys exp y
    wait_for exp "Submitted d-aisha-"
    local id; id=$(screen exp | grep -o "d-aisha-[0-9]*" | head -1)
    keys exp q
    sleep 0.3
    t kill-session -t exp
    # The demo clock lives in the copy's marker: the next morning.
    sed -i -E 's/"clockAnchor" *: *"[^"]*"/"clockAnchor": "2026-11-28T09:00:00Z"/' "$store/.earshot-demo.json"
    "$EARSHOT" publish --store "$store" | grep -q "expired $id" || return 1
    echo "$id"
}

test_an_expired_post_is_listed_as_expired_and_its_author_sets_a_new_time() {
    local store; store=$(demo_store)
    local id; id=$(expired_post "$store")
    open_as a aisha "$store"
    # Told on opening, before looking.
    wait_for a "While you were away: "
    keys a M
    wait_for a "$id expired: its time passed before approval"
    keys a Escape
    select_draft a "$id"
    wait_for a "expired"
    keys a e
    wait_for a "Editing $id"
    menu a
    # Resubmitting with the old time is refused, with the way out named.
    keys a y
    wait_for a "set a new time"
    keys a t
    wait_for a "Goes out at"
    keys a C-u
    type_text a "2026-11-30 10:00"
    keys a Enter
    keys a y
    wait_for a "Submitted $id"
    grep -q "\"scheduled\":{\"at\":\"2026-11-30T10:00:00Z\",\"draft\":\"$id\"}" "$store/journal.jsonl"
    keys a q
}

test_comms_approve_an_expired_post_for_a_new_time() {
    local store; store=$(demo_store)
    local id; id=$(expired_post "$store")
    open_as p priya "$store"
    select_draft p "$id"
    wait_for p "expired"
    keys p a
    wait_for p "A approves it for a new time"
    keys p Escape A
    wait_for p "to go out at"
    keys p C-u
    type_text p "2026-11-30 10:00"
    keys p Enter
    wait_for p "Approved $id"
    keys p q
}

test_withdraw_hold_unschedule_and_copy_pull_posts_back() {
    local store; store=$(demo_store)
    # The author withdraws a submitted draft.
    open_as a aisha "$store"
    select_draft a d-0008
    keys a w
    wait_for a "Withdrew d-0008 from review"
    keys a q
    # Comms hold an approved post and unschedule a scheduled one.
    open_as p priya "$store"
    select_draft p d-0006
    keys p h
    wait_for p "Held d-0006 back"
    select_draft p d-0003
    keys p U
    wait_for p "d-0003 goes out as soon as it is approved"
    keys p q
    grep -q '"held":{"draft":"d-0006"}' "$store/journal.jsonl"
    # A rejected draft is copied into a new one its author can edit.
    open_as d dan "$store"
    select_draft d d-0002
    keys d C
    wait_for d "Copied d-0002 into a new draft d-dan-"
    keys d q
}

test_the_post_menu_and_refusals_never_run_typed_text_as_commands() {
    local store; store=$(demo_store)
    open_as a aisha "$store"
    keys a 2 n
    wait_for a "New post"
    type_text a "Half-term crafts"
    menu a
    # Esc in the menu goes back to the text: the x typed next is text, not "discard".
    keys a Escape
    sleep 0.3
    type_text a " x"
    menu a
    wait_for a "Half-term crafts x"
    keys a q
    wait_for a "post kept; r in the drafts pane reopens it"
    keys a r
    wait_for a "New post"
    wait_for a "Half-term crafts x"
    menu a
    keys a x
    wait_for a "post discarded"
    # A refused reject: the reason typed in a hurry does nothing.
    select_draft a d-0007
    keys a x
    wait_for a "Refused: only comms officers can reject drafts"
    type_text a "od"
    sleep 0.5
    wait_for a "Refused: only comms officers"
    check "o did not reorder the queue" test -z "$(screen a | grep -F 'queue ordered')"
    keys a Escape
    wait_gone a "Refused: only comms officers"
    keys a q
}

test_the_queue_moves_on_after_a_decision_and_the_schedule_is_a_list() {
    local store; store=$(demo_store)
    open_as p priya "$store"
    select_draft p d-0007
    keys p a
    wait_for p "Approved d-0007"
    # The cursor went to the next waiting draft, not after the approved one.
    wait_for p "d-0009 · "
    keys p S
    wait_for p "approved posts by day"
    wait_for p "h hold"
    # The last row: the post going out on Monday.
    keys p G
    keys p h
    wait_for p "Held d-0003 back"
    keys p '?'
    wait_for p "Keys for the Schedule pane"
    keys p Escape
    wait_for p "approved posts by day"
    keys p Escape
    wait_for p "1 Inbox"
    # A filter in the drafts pane.
    keys p 2 F
    wait_for p "Filter drafts:"
    type_text p "state:expired"
    keys p Enter
    wait_for p "1 drafts match state:expired"
    wait_for p "d-0012 · "
    keys p q
}

run_tests
