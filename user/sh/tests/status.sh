#!/bin/sh
# status.sh: exit statuses, and how the shell reports deaths by signals.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_status/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/status.sh
T=status
. "$(dirname "$0")/lib.sh"

start true
true
check true 0 $?

start false
false
check false 1 $?

start exit_code
sh -c 'exit 42'
check exit_code 42 $?

start exit_wraps
sh -c 'exit 257'
check exit_wraps 1 $?

start not_found
nosuch_xyz 2>/dev/null
check not_found 127 $?

start grep_no_match
echo a | grep -q b
check grep_no_match 1 $?

start killed_status
{ sh -c 'kill -9 $$'; } 2>/dev/null
check killed_status 137 $?

start killed_message
check killed_message "Killed" "$(sh -c 'sh -c "kill -9 \$\$"' 2>&1)"

start terminated_message
check terminated_message "Terminated" "$(sh -c 'sh -c "kill \$\$"' 2>&1)"

start segv_message
out=$(sh -c 'sh -c "kill -SEGV \$\$"' 2>&1)
case_ok=no
[ "$out" = "Segmentation fault" ] && case_ok=yes
[ "$out" = "Segmentation fault (core dumped)" ] && case_ok=yes
check segv_message yes "$case_ok"

start abort_status
{ sh -c 'kill -ABRT $$'; } 2>/dev/null
check abort_status 134 $?

start sigpipe_silent
check sigpipe_silent "" "$(sh -c 'yes | head -n 1 > /dev/null' 2>&1)"

start not_inverts
! true
check not_inverts 1 $?

start and_status
false && true
check and_status 1 $?

start or_status
false || true
check or_status 0 $?

start wait_status
sh -c 'exit 5' &
wait $!
check wait_status 5 $?

start wait_killed
sleep 10 &
kill -9 $!
wait $!
check wait_killed 137 $?

start if_status
if false; then :; fi
check if_status 0 $?

start kill_builtin_list
check kill_builtin_list "KILL 9" "$(kill -l 9) $(kill -l KILL)"

start kill_bad_signal
kill -NOSUCH $$ 2>/dev/null
check kill_bad_signal 1 $?
