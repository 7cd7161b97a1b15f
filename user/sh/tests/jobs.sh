#!/bin/sh
# jobs.sh: background jobs in a non-interactive shell: &, $!, wait, jobs,
# kill %n. (Stopping with ^Z and fg/bg need a terminal: see the
# interactive tests in the developer notes; here there is no job control.)
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_jobs/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/jobs.sh
T=jobs
. "$(dirname "$0")/lib.sh"
D=/tmp/sh_$T.$$
mkdir -p $D

start background_runs
echo bg > $D/bg &
wait
check background_runs bg "$(cat $D/bg)"

start background_does_not_block
sleep 5 &
slow=$!
echo quick > $D/quick
check background_does_not_block quick "$(cat $D/quick)"
kill $slow
wait $slow 2>/dev/null

start wait_all
(sleep 0.2; echo one > $D/w1) &
(sleep 0.3; echo two > $D/w2) &
wait
check wait_all "one two" "$(cat $D/w1 $D/w2 | xargs)"

start wait_pid_status
sh -c 'sleep 0.1; exit 3' &
wait $!
check wait_pid_status 3 $?

# (Not $(jobs): a command substitution is a child, and the jobs are
# the parent's.)
start jobs_list
sleep 5 &
jobs > $D/jobs
check jobs_list "[1]+  Running                 sleep 5 &" "$(cat $D/jobs)"

start kill_job
kill %1
wait %1
check kill_job 143 $?

start jobs_empty
jobs > $D/jobs
check jobs_empty "" "$(cat $D/jobs)"

start background_pipeline
seq 3 | wc -l > $D/pl &
wait
check background_pipeline 3 "$(cat $D/pl)"

start background_and_list
true && echo andbg > $D/al &
wait
check background_and_list andbg "$(cat $D/al)"

start fg_without_job_control
fg 2>/dev/null
check fg_without_job_control 1 $?

start wait_unknown
wait 99999 2>/dev/null
check wait_unknown 127 $?

# Without job control a stopped child is just one not finished yet.
start stop_and_continue
sleep 5 &
p=$!
kill -STOP $p
sleep 0.1
kill -CONT $p
kill $p
wait $p
check stop_and_continue 143 $?

rm -rf $D
