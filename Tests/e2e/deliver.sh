#!/usr/bin/env bash
# End-to-end: approved posts reach the (local) platforms exactly once through the
# real binary: deliver killed with SIGKILL at random points, then let finish; two
# delivers at once; failures recorded and shown by audit.
source "$(dirname "$0")/lib.sh"

set -E
trap 'echo "    step failed: $BASH_COMMAND" >&2' ERR

BENCH=${EARSHOT_BENCH_BIN:-$REPO/.build/debug/earshot-bench}
PIDS=()
stop_servers() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.2
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    PIDS=()
    return 0
}

# serve VAR SCRIPT ARGS...: a local server from Tests/servers; its port goes in VAR.
# Each test runs in a subshell, so its servers stop when it exits, pass or fail.
serve() {
    local var=$1 script=$2; shift 2
    local out; out=$(mktemp "$WORK/server.XXXX")
    python3 "$REPO/Tests/servers/$script" "$@" > "$out" 2>> "$WORK/server.err" &
    PIDS+=($!)
    trap stop_servers EXIT
    for _ in $(seq 1 300); do [ -s "$out" ] && break; sleep 0.1; done
    printf -v "$var" '%s' "$(head -1 "$out")"
}

# A demo copy with COUNT approved posts for every platform we deliver to, released
# by publish, and an account for each; sets STORE, OUT (outlets port), MAST (Mastodon port).
setup() {
    local count=$1 channels=${2:-bluesky,facebook,blog,mastodon} image=${3:-}
    STORE=$(demo_store)
    serve OUT outlets.py
    serve MAST mastodon.py --mentions 0
    [ -n "$OUT" ] && [ -n "$MAST" ]
    if [ -n "$image" ]; then
        base64 -d > "$STORE/$image" <<< 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
        "$BENCH" approved "$STORE" "$count" "$channels" "$image"
    else
        "$BENCH" approved "$STORE" "$count" "$channels"
    fi
    "$EARSHOT" publish --store "$STORE" > /dev/null
    printf 'abcd-efgh-ijkl-mnop\n' | "$EARSHOT" accounts add bsky --store "$STORE" --platform bluesky \
        --instance "http://127.0.0.1:$OUT" --login library.bsky.social --secret-stdin > /dev/null
    printf 'test-token-0123456789abcdef\n' | "$EARSHOT" accounts add page --store "$STORE" --platform facebook \
        --instance "http://127.0.0.1:$OUT" --login 1000 --secret-stdin > /dev/null
    printf 'wp-app-pass\n' | "$EARSHOT" accounts add blog --store "$STORE" --platform wordpress \
        --instance "http://127.0.0.1:$OUT" --login editor --secret-stdin > /dev/null
    printf 'alice_token\n' | "$EARSHOT" accounts add mast --store "$STORE" --platform mastodon \
        --instance "http://127.0.0.1:$MAST" --login alice --secret-stdin > /dev/null
}

control() { python3 -c "import sys,urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:$OUT/_control/' + sys.argv[1], data=sys.argv[2].encode(), headers={'Content-Type':'application/json'})).read()" "$1" "${2:-{\}}"; }

# How often each test post is on each platform, one "platform count text" line each.
tally() {
    python3 - "$OUT" "$MAST" <<'PY'
import collections, json, sys, urllib.request
out, mast = sys.argv[1], sys.argv[2]
seen = collections.Counter()
for p in json.load(urllib.request.urlopen(f"http://127.0.0.1:{out}/_control/posts"))["posts"]:
    seen[(p["platform"], p["text"])] += 1
def get(path):
    r = urllib.request.Request(f"http://127.0.0.1:{mast}{path}", headers={"Authorization": "Bearer alice_token"})
    return json.load(urllib.request.urlopen(r))
me = get("/api/v1/accounts/verify_credentials")["id"]
for s in get(f"/api/v1/accounts/{me}/statuses?limit=40"):
    text = s.get("text") or s["content"].replace("<p>", "").replace("</p>", "")
    seen[("mastodon", text)] += 1
for (platform, text), n in sorted(seen.items()):
    if "Delivery test post" in text:
        print(platform, n, text)
PY
}

# exactly_once COUNT [PLATFORMS]: every test post once on each platform (four unless said).
exactly_once() {
    tally > "$WORK/tally.txt"
    local lines; lines=$(grep -c . "$WORK/tally.txt" || true)
    local platforms=${2:-4}
    check "every post on every platform ($lines of $(( $1 * platforms )))" [ "$lines" -eq $(( $1 * platforms )) ]
    check "none twice" bash -c "! grep -v '^[a-z]* 1 ' '$WORK/tally.txt'"
}

test_killed_at_random_points_then_let_finish_every_post_is_there_once() {
    setup 10
    # Slow answers widen the window between a platform storing a post and the event
    # being recorded, where a kill hurts most.
    local i
    for i in $(seq 1 10); do
        control slow '{"path":"createRecord","seconds":0.2,"after":true}'
        control slow '{"path":"/1000/feed","seconds":0.2,"after":true}'
        control slow '{"path":"/wp/v2/posts","seconds":0.2,"after":true}'
    done
    local kills=0
    for i in $(seq 1 30); do
        "$EARSHOT" deliver --store "$STORE" --first-retry 0 > /dev/null 2>&1 &
        local pid=$!
        sleep "0.$(( RANDOM % 6 ))$(( RANDOM % 10 ))"
        if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
        wait "$pid" 2>/dev/null || true
    done
    echo "    killed mid-run $kills times"
    check "killed mid-run at least five times" [ "$kills" -ge 5 ]
    "$EARSHOT" deliver --store "$STORE" --first-retry 0 > "$WORK/finish.txt" 2>&1 || true
    "$EARSHOT" deliver --store "$STORE" --first-retry 0 > "$WORK/again.txt" 2>&1 || true
    exactly_once 10
    # Ten posts on four platforms and the demo's own post on three (X has no account).
    check "each delivery recorded once" [ "$("$EARSHOT" audit --store "$STORE" --format table | grep -c 'DELIVERED d-')" -eq 43 ]
    check "the last run had nothing left to send" bash -c "! grep -q '^delivered' '$WORK/again.txt'"
    "$EARSHOT" verify --store "$STORE" > /dev/null
}

test_killed_in_the_middle_of_image_uploads_each_post_still_lands_once() {
    setup 6 bluesky,mastodon room.png
    local i
    for i in $(seq 1 12); do control slow '{"path":"uploadBlob","seconds":0.25}'; done
    local kills=0
    for i in $(seq 1 20); do
        "$EARSHOT" deliver --store "$STORE" --first-retry 0 > /dev/null 2>&1 &
        local pid=$!
        sleep "0.$(( RANDOM % 5 ))$(( RANDOM % 10 ))"
        if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
        wait "$pid" 2>/dev/null || true
    done
    echo "    killed mid-run $kills times"
    "$EARSHOT" deliver --store "$STORE" --first-retry 0 > "$WORK/finish.txt" 2>&1 || true
    exactly_once 6 2
    check "every Bluesky post carries its image" python3 - "$OUT" <<'PY'
import json, sys, urllib.request
posts = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_control/posts"))["posts"]
ours = [p for p in posts if "Delivery test post" in p["text"]]
sys.exit(0 if ours and all(p["record"].get("embed", {}).get("images", [{}])[0].get("alt", "").startswith("Test image") for p in ours) else 1)
PY
}

test_two_delivers_at_once_send_each_post_once() {
    setup 5
    "$EARSHOT" deliver --store "$STORE" > "$WORK/a.txt" 2>&1 &
    local a=$!
    "$EARSHOT" deliver --store "$STORE" > "$WORK/b.txt" 2>&1 &
    local b=$!
    wait "$a" || true
    wait "$b" || true
    exactly_once 5
    check "between them, each delivered once" [ "$(cat "$WORK/a.txt" "$WORK/b.txt" | grep -c '^delivered')" -eq 23 ]
}

test_failures_are_recorded_with_the_next_try_and_audit_shows_deliveries() {
    setup 1
    control fault '{"path":"/1000/feed","status":429,"headers":{"Retry-After":"600"}}'
    control fault '{"path":"/wp/v2/posts","status":500,"after":true}'
    local rc=0
    "$EARSHOT" deliver --store "$STORE" --first-retry 0 > "$WORK/first.txt" 2>&1 || rc=$?
    check "exit 1 when something failed" [ "$rc" = 1 ]
    check "rate limit named with its next try" grep -q "failed d-.* on Facebook: rate limited by the platform; next try" "$WORK/first.txt"
    "$EARSHOT" audit --store "$STORE" --format table > "$WORK/audit.txt"
    check "audit shows the failure" grep -q "deliver .*DELIVERY FAILED d-.* on Facebook: rate limited" "$WORK/audit.txt"
    check "audit shows a delivery with its link" grep -q "deliver .*DELIVERED d-kill-.* to Bluesky as at://did:plc:library/app.bsky.feed.post/.* https://bsky.app/profile/library.bsky.social/post/" "$WORK/audit.txt"
    "$EARSHOT" deliver --store "$STORE" --first-retry 0 > "$WORK/second.txt" 2>&1 || true
    check "the blog post stored before its 500 is found, not sent again" grep -q "delivered d-kill-.* on Blog: .*found on the platform" "$WORK/second.txt"
    check "facebook waits for its time" grep -q "waiting d-.* on Facebook: rate limited" "$WORK/second.txt"
}

run_tests
