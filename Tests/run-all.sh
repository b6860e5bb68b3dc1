#!/usr/bin/env bash
# Every test: unit and snapshot tests (swift test), then the end-to-end scripts
# that drive the real binary in tmux, locally and over sshd on 127.0.0.1.
# The last line is the verdict for the whole run, "N passed, N failed" (CI reads it).
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
log=$(mktemp /tmp/earshot-run-all.XXXXXX)
trap 'rm -f "$log"' EXIT

source Tests/count.sh

if swift build --build-tests; then
    swift test --skip-build 2>&1 | tee "$log"
    count "$log" "${PIPESTATUS[0]}"
else
    failed=$((failed + 1))
fi
for script in \
    Tests/e2e/newcomer.sh \
    Tests/e2e/console.sh \
    Tests/e2e/terminal.sh \
    Tests/e2e/triage.sh \
    Tests/e2e/approvals.sh \
    Tests/e2e/drafts.sh \
    Tests/e2e/ssh.sh \
    Tests/e2e/identity.sh \
    Tests/e2e/deploy.sh \
    Tests/e2e/shared.sh \
    Tests/e2e/verify.sh \
    Tests/e2e/report.sh \
    Tests/e2e/ingest.sh \
    Tests/e2e/deliver.sh \
; do
    echo "== $script"
    bash "$script" 2>&1 | tee "$log"
    count "$log" "${PIPESTATUS[0]}"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
