#!/usr/bin/env bash
# Every test: unit and snapshot tests (swift test), then the end-to-end scripts
# that drive the real binary in tmux, locally and over sshd on 127.0.0.1.
set -u
cd "$(dirname "$0")/.."
status=0
swift build --build-tests || exit 1
swift test --skip-build || status=1
for script in Tests/e2e/console.sh Tests/e2e/triage.sh Tests/e2e/approvals.sh Tests/e2e/ssh.sh Tests/e2e/ingest.sh; do
    echo "== $script"
    bash "$script" || status=1
done
exit $status
