#!/usr/bin/env bash
# End-to-end: comments come in through the real binary: receive, accounts and
# secrets, fetch killed mid-run and run again, import then fetch, arrival rules.
source "$(dirname "$0")/lib.sh"

# Name the step that failed, whichever it was.
set -E
trap 'echo "    step failed: $BASH_COMMAND" >&2' ERR

SERVER_PID=""
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        sleep 0.2
        kill -9 "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
    return 0
}

# start_server ARGS...: the local platform server; sets PORT. Each test runs in a
# subshell, so the server is stopped when that subshell exits, pass or fail.
start_server() {
    # A file of its own: the background shell truncates a reused one only once it has forked.
    local out; out=$(mktemp "$WORK/server.XXXX")
    python3 "$REPO/Tests/servers/platforms.py" "$@" > "$out" 2> "$WORK/server.err" &
    SERVER_PID=$!
    trap stop_server EXIT
    for _ in $(seq 1 300); do [ -s "$out" ] && break; sleep 0.1; done
    PORT=$(head -1 "$out")
    [ -n "$PORT" ]
}

control() { python3 -c "import sys,urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:$PORT/_control/' + sys.argv[1], data=sys.argv[2].encode(), headers={'Content-Type':'application/json'})).read()" "$1" "${2:-{\}}"; }
server_log() { python3 -c "import json,urllib.request; print('\n'.join(json.load(urllib.request.urlopen('http://127.0.0.1:$PORT/_control/log'))['log']))"; }

received() { "$EARSHOT" audit --store "$1" | grep -c '"received"' || true; }

test_receive_takes_good_lines_names_bad_ones_and_neutralises_output() {
    local store; store=$(demo_store)
    local esc=$'\e'
    printf '%s\n' \
        '{"channel":"mastodon","id":"e2e-1","handle":"@jo@ex.social","name":"Jo \u001b]0;pwned\u0007","text":"Is Quayside open late? \u001b[2J","time":"2026-11-27T10:00:00Z"}' \
        '{"channel":"mastodon","id":"e2e-2"' \
        '{"channel":"mastodon","id":"e2e-3","handle":"@al@ex.social","text":"Free airdrop, connect your wallet","time":"2026-11-27T10:01:00Z","inReplyTo":"e2e-1"}' \
        > "$WORK/in.jsonl"
    local rc=0
    "$EARSHOT" receive --store "$store" < "$WORK/in.jsonl" > "$WORK/out.txt" 2>&1 || rc=$?
    check "exit 1 for a skipped line" [ "$rc" = 1 ]
    check "bad line named" grep -q "skipped line 2:" "$WORK/out.txt"
    check "two went in" grep -q "received: 2 new" "$WORK/out.txt"
    "$EARSHOT" audit --store "$store" --format table > "$WORK/audit.txt"
    check "arrival recorded by receive" grep -q "receive    received mastodon-" "$WORK/audit.txt"
    check "spam rule hid it" grep -q "rule:spam-crypto" "$WORK/audit.txt"
    check "routed by branch name" grep -q "assigned mastodon-.* to quayside" "$WORK/audit.txt"
    "$EARSHOT" rules test --store "$store" > "$WORK/rules.txt"
    check "rules test lists the routing" grep -q "rule route-quayside" "$WORK/rules.txt"
    check "no escape byte reaches the terminal" bash -c "! grep -q '$esc' '$WORK/out.txt' '$WORK/rules.txt'"
}

test_accounts_keep_secrets_private_and_masked() {
    local store; store=$(demo_store)
    chmod 2770 "$store"
    start_server --items 3
    printf 'test-token-0123456789abcdef\n' | "$EARSHOT" accounts add x-main --store "$store" --platform x \
        --instance "http://127.0.0.1:$PORT" --login 2000 --branch central --secret-stdin > /dev/null
    check "secret file is 0600" [ "$(stat -c %a "$store/secrets/x-main")" = 600 ]
    check "secrets dir is 0700" [ "$(stat -c %a "$store/secrets")" = 700 ]
    check "the store's own directory is left as it was" [ "$(stat -c %a "$store")" = 2770 ]
    "$EARSHOT" accounts list --store "$store" > "$WORK/list.txt"
    check "listed masked" grep -q "secret ••••••••cdef" "$WORK/list.txt"
    check "never printed whole" bash -c "! grep -q 0123456789abcdef '$WORK/list.txt'"
    "$EARSHOT" accounts test x-main --store "$store" | grep -q "works, signed in as @harbourside"
    "$EARSHOT" fetch --store "$store" > /dev/null
    check "secret in no other file" bash -c "! grep -rq 0123456789abcdef --exclude-dir=secrets '$store'"
    chmod 644 "$store/secrets/x-main"
    local rc=0
    "$EARSHOT" fetch --store "$store" > "$WORK/fetch.txt" 2>&1 || rc=$?
    check "a readable secret is refused" [ "$rc" = 1 ]
    check "and says why" grep -q "can be read by others" "$WORK/fetch.txt"
    "$EARSHOT" accounts remove x-main --store "$store" > /dev/null
    check "remove deletes the secret" [ ! -e "$store/secrets/x-main" ]
}

test_kill_9_mid_fetch_then_rerun_loses_nothing_and_doubles_nothing() {
    local store; store=$(demo_store)
    start_server --items 250
    printf 'test-token-0123456789abcdef' | "$EARSHOT" accounts add x-main --store "$store" --platform x \
        --instance "http://127.0.0.1:$PORT" --login 2000 --secret-stdin > /dev/null
    local before; before=$(received "$store")
    # The second page hangs: the first is appended, the cursor has not moved yet.
    control slow '{"path": "pagination_token=100", "seconds": 30, "count": 1}'
    "$EARSHOT" fetch --store "$store" > /dev/null 2>&1 &
    local pid=$!
    # Up to 30 s: a loaded machine can be slow to start the fetch.
    # The log holds paths: the second request for mentions is the page that hangs.
    second_page() { [ "$(server_log | grep -c mentions)" -ge 2 ]; }
    for _ in $(seq 1 300); do second_page && break; sleep 0.1; done
    second_page || { echo "    check failed: the fetch never reached the second page" >&2; return 1; }
    sleep 0.3
    check "the fetch is still waiting on the second page" kill -0 "$pid"
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    check "first page is in" [ "$(received "$store")" = $((before + 100)) ]
    "$EARSHOT" fetch --store "$store" > "$WORK/rerun.txt"
    check "re-run takes the rest and dedupes" grep -q "x-main: 150 new, 100 already known" "$WORK/rerun.txt"
    check "nothing lost" [ "$(received "$store")" = $((before + 250)) ]
    "$EARSHOT" fetch --store "$store" > "$WORK/third.txt"
    check "a third run finds nothing new" grep -q "x-main: 0 new" "$WORK/third.txt"
}

test_import_wxr_then_fetch_the_same_blog_dedupes() {
    local store; store=$(demo_store)
    start_server --items 4
    cat > "$WORK/export.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>Post</title><link>https://blog.example/post-7/</link>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Reader 0</wp:comment_author><wp:comment_date_gmt>2026-11-20 09:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment 0 about Quayside]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>Reader 1</wp:comment_author><wp:comment_date_gmt>2026-11-20 09:01:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment 1]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>
XML
    "$EARSHOT" import wxr "$WORK/export.xml" --store "$store" > "$WORK/import.txt"
    check "imported both" grep -q "imported export.xml: 2 new" "$WORK/import.txt"
    "$EARSHOT" audit --store "$store" --format table | grep -q "import:export.xml received blog-"
    "$EARSHOT" accounts add blog --store "$store" --platform wordpress --instance "http://127.0.0.1:$PORT" > /dev/null
    "$EARSHOT" fetch --store "$store" > "$WORK/fetch.txt"
    check "fetch skips the imported two" grep -q "blog: 2 new, 2 already known" "$WORK/fetch.txt"
}

test_an_admin_sees_a_refused_login_on_opening_the_console() {
    local store; store=$(demo_store)
    start_server --items 2
    printf 'wrong-password' | "$EARSHOT" accounts add bsky-main --store "$store" --platform bluesky \
        --instance "http://127.0.0.1:$PORT" --login harbourside.bsky.social --secret-stdin > /dev/null
    "$EARSHOT" fetch --store "$store" > "$WORK/fetch.txt" 2>&1 || true
    check "fetch says the login was refused" grep -q "bsky-main: login refused: Bluesky refused the app password" "$WORK/fetch.txt"
    start admin "$EARSHOT --store $store --as elena" 140 30
    wait_for admin "fetch: bsky-main: login refused: Bluesky refused the app password for @harbourside.bsky.social just now"
    keys admin q
}

run_tests
