#!/usr/bin/env bash
# End-to-end: the console and the real terminal it runs in (raw mode, control keys,
# no terminal at all, a terminal that disappears), in tmux at 80x24.
source "$(dirname "$0")/lib.sh"

# traced NAME STORE [ENV...]: start the console from an interactive shell with job
# control, as a person would (only there does C-z's SIGTSTP stop a process), with
# its pid in $WORK/NAME.pid.
traced() {
    local name=$1 store=$2; shift 2
    start "$name" "env PS1='$ ' bash --norc --noprofile -i"
    type_text "$name" "env $* sh -c 'echo \$\$ > $WORK/$name.pid; exec $EARSHOT --store $store'; echo EXITED:\$?"
    keys "$name" Enter
    wait_for "$name" "1 Inbox"
}
pid_of() { cat "$WORK/$1.pid"; }

# gone PID [SECONDS]: wait until the process has exited; fail (and end it) if it has not.
gone() {
    local pid=$1 limit=${2:-10}
    local deadline=$((SECONDS + limit))
    while kill -0 "$pid" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then
            echo "    process $pid still running after ${limit}s" >&2
            kill -KILL "$pid" 2>/dev/null
            return 1
        fi
        sleep 0.1
    done
}

test_the_terminal_is_in_raw_mode_while_the_console_runs() {
    local store; store=$(demo_store)
    traced k "$store"
    local tty; tty=$(t display-message -p -t k '#{pane_tty}')
    local modes; modes=$(stty -F "$tty" -a)
    check "isig is off (was: $(grep -o -- '-\?isig' <<<"$modes"))" grep -q -- '-isig' <<<"$modes"
    check "ixon is off" grep -q -- '-ixon' <<<"$modes"
    keys k q
    wait_for k "EXITED:0"
    check "the terminal's modes are restored" grep -qw isig <<<"$(stty -F "$tty" -a | grep -o -- '-\?isig')"
}

test_c_z_c_s_and_c_backslash_do_not_stop_freeze_or_crash_it() {
    local store; store=$(demo_store)
    traced k "$store"
    keys k C-z
    keys k '?'
    wait_for k "mark handled (done)" 5
    keys k Escape C-s
    keys k '?'
    wait_for k "mark handled (done)" 5
    keys k Escape 'C-\'
    keys k '?'
    wait_for k "mark handled (done)" 5
    keys k Escape q
    wait_for k "EXITED:0"
}

test_c_z_is_the_editors_undo() {
    local store; store=$(demo_store)
    traced k "$store"
    keys k r
    wait_for k "Reply to"
    type_text k "zqxv"
    wait_for k "zqxv"
    keys k C-z
    wait_gone k "zqxv" 5
    keys k C-c
    wait_for k "EXITED:0"
}

test_c_c_quits_cleanly_and_keeps_the_unsent_reply() {
    local store; store=$(demo_store)
    traced k "$store"
    keys k r
    wait_for k "Reply to"
    type_text k "half a thought"
    wait_for k "half a thought"
    keys k C-c
    wait_for k "EXITED:0"
    start again "$EARSHOT --store $store"
    wait_for again "Your unsent reply is back"
    wait_for again "half a thought"
    keys again C-c
    wait_for again "EXITED:0"
}

test_c_z_suspends_only_where_the_keymap_binds_it() {
    local store; store=$(demo_store)
    mkdir -p "$WORK/config/earshot"
    echo '{"global": {"suspend": ["C-z"]}}' > "$WORK/config/earshot/keymap.json"
    traced s "$store" "XDG_CONFIG_HOME=$WORK/config"
    local pid; pid=$(pid_of s)
    keys s C-z
    wait_for s "Stopped"
    check "the console is stopped" test "$(ps -o stat= -p "$pid" | cut -c1)" = T
    type_text s "fg"
    keys s Enter
    keys s '?'
    wait_for s "mark handled (done)"
    keys s Escape q
    gone "$pid"
}

test_emoji_sequences_are_drawn_whole_and_keep_the_columns_after_them() {
    local store; store=$(demo_store)
    traced k "$store"
    keys k r
    wait_for k "Reply to"
    # A family (ZWJ), a skin tone and a flag: terminals disagree on their widths, so
    # each is drawn as a stand-in every terminal gives two columns.
    type_text k "👨‍👩‍👧‍👦x👍🏽y🇬🇧z ending"
    wait_for k "z ending"
    check "drawn whole, in place" grep -qF " 👨x👍yGBz ending" <<<"$(screen k)"
    keys k C-c
    wait_for k "EXITED:0"
}

test_without_a_terminal_it_refuses_to_start() {
    local store out rc; store=$(demo_store)
    out=$(timeout 20 "$EARSHOT" --store "$store" </dev/null 2>&1) && rc=0 || rc=$?
    check "exit status is an error, not a timeout (was $rc)" test "$rc" -ne 0 -a "$rc" -ne 124
    check "says it needs a terminal: $out" grep -q "needs a terminal" <<<"$out"
    check "no presence left behind" test -z "$(ls "$store/sessions" 2>/dev/null)"
}

test_a_terminal_that_disappears_without_a_hangup_ends_the_console() {
    local store; store=$(demo_store)
    # setsid: the console is not in the terminal's session, so closing the
    # terminal sends it no SIGHUP; it must notice the terminal is gone by itself.
    start k "setsid sh -c 'echo \$\$ > $WORK/k.pid; exec $EARSHOT --store $store'"
    wait_for k "1 Inbox"
    local pid; pid=$(pid_of k)
    keys k r
    wait_for k "Reply to"
    type_text k "kept safe"
    sleep 0.5
    t kill-session -t k
    gone "$pid" 10
    check "the unsent reply was saved" grep -rq "kept safe" "$store/wip"
    check "no ghost presence is left for colleagues" test -z "$(ls "$store/sessions" 2>/dev/null)"
}

run_tests
