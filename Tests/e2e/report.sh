#!/usr/bin/env bash
# End-to-end: `earshot report --format html` opened in a real headless Chromium.
# The demo's history holds a day when a troll's markup was used as tags; if any of
# it ran, the page would show the word its two halves make.
source "$(dirname "$0")/lib.sh"

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
BROWSER_PGID=""
CLEANUP_EXTRA='[ -n "$BROWSER_PGID" ] && kill -- -"$BROWSER_PGID" 2>/dev/null || true'

# browser ARGS...: one headless Chromium run in its own process group, stopped
# with everything it started when it returns or when the test ends.
browser() {
    setsid timeout --kill-after=5 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$WORK/chromium" "$@" 2>>"$WORK/chromium.log" &
    BROWSER_PGID=$!
    wait "$BROWSER_PGID"
    local rc=$?
    kill -- -"$BROWSER_PGID" 2>/dev/null || true
    BROWSER_PGID=""
    return $rc
}

# text FILE: the dumped DOM with its tags taken out, entities left as written.
text() { sed -e 's/<[^>]*>/ /g' "$1" | tr -s ' \n' ' '; }

test_a_branch_report_for_last_month_renders() {
    check "chromium is installed (apt-get install chromium)" test -n "$CHROMIUM"
    local store; store=$(demo_store)
    "$EARSHOT" report --store "$store" --since 2026-10-01 --until 2026-10-31 --branch northgate --format html -o "$WORK/r.html"
    browser --dump-dom "file://$WORK/r.html" > "$WORK/dom.html"
    local page; page=$(text "$WORK/dom.html")
    for words in "How well Harbourside Libraries listens" "Northgate Library, 2026-10-01 to 2026-10-31" \
                 "Volume in" "78 comments and mentions from the public" "First response" "90th percentile" \
                 "within target" "Backlog" "Approvals" "sent back" "Listening ratio" "replies per broadcast post" "Top tags"; do
        check "the page says: $words" grep -qF -- "$words" <<<"$page"
    done
    check "five charts drew" test "$(grep -o '<svg' "$WORK/dom.html" | wc -l)" -ge 5
    browser --screenshot="$WORK/r.png" --window-size=1240,1754 "file://$WORK/r.html"
    check "a screenshot was taken" test -s "$WORK/r.png"
    browser --print-to-pdf="$WORK/r.pdf" --no-pdf-header-footer "file://$WORK/r.html"
    check "it prints on A4 (595 x 842 points)" grep -aqE 'MediaBox \[0 0 59[45]\.?[0-9]* 84[12]' "$WORK/r.pdf"
    [ -z "${REPORT_KEEP:-}" ] || cp "$WORK/r.png" "$WORK/r.pdf" "$REPORT_KEEP/"
}

test_hostile_tags_print_as_text_and_run_nothing() {
    check "chromium is installed (apt-get install chromium)" test -n "$CHROMIUM"
    local store; store=$(demo_store)
    "$EARSHOT" report --store "$store" --since 2026-10-21 --until 2026-10-21 --format html -o "$WORK/h.html"
    browser --dump-dom "file://$WORK/h.html" > "$WORK/dom.html"
    check "the page rendered" grep -qF "How well Harbourside Libraries listens" "$WORK/dom.html"
    check "no script ran" bash -c "! grep -q PWNED '$WORK/dom.html'"
    check "the title is untouched" grep -qF "<title>How well Harbourside Libraries listens" "$WORK/dom.html"
    check "no script element in the page" bash -c "! grep -qi '<script' '$WORK/dom.html'"
    check "no svg with an onload" bash -c "! grep -qi '<svg onload' '$WORK/dom.html'"
    check "the tags are there, as text" grep -qF "&lt;/script&gt;&lt;script&gt;document.title='PW'+'NED'&lt;/script&gt;" "$WORK/dom.html"
    check "the quote-breaking tag too" grep -qF "\"&gt;&lt;svg onload=\"document.body.append('PW'+'NED')\"&gt;" "$WORK/dom.html"
    check "authors are not in a report" bash -c "! grep -q 'img src=x' '$WORK/h.html'"
}

test_markdown_and_csv_go_to_stdout() {
    local store; store=$(demo_store)
    "$EARSHOT" report --store "$store" --since 2026-10-01 --until 2026-10-31 --channel x --format md > "$WORK/r.md"
    check "markdown names the scope" grep -qF "**X, 2026-10-01 to 2026-10-31**" "$WORK/r.md"
    mkdir "$WORK/csv"
    "$EARSHOT" report --store "$store" --since 2026-10-01 --format csv -o "$WORK/csv" > /dev/null
    check "one csv file per metric" test "$(ls "$WORK/csv" | wc -l)" -eq 11
    check "a tidy header" grep -qF "scope,from,to,date,received" "$WORK/csv/volume_per_day.csv"
    if "$EARSHOT" report --store "$store" --since 2026-10-31 --until 2026-10-01 --format md 2> "$WORK/err"; then return 1; fi
    check "a backwards range is refused plainly" grep -qF "the first day comes first" "$WORK/err"
}

test_a_manager_opens_the_view_picks_last_month_and_a_branch() {
    local store; store=$(demo_store)
    start view "$EARSHOT --store $store --as elena" 80 24
    wait_for view "1 Inbox"
    keys view L
    wait_for view "Analytics  this week"
    keys view p p p s s
    wait_for view "last month · Northgate Library"
    wait_for view "78 from the public"
    keys view G
    wait_for view "Listening ratio"
    wait_for view "Top tags"
    keys view Escape
    wait_for view "1 Inbox"
    keys view q
    wait_for view "EXITED:0"
}

run_tests
