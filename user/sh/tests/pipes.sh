#!/bin/sh
# pipes.sh: pipelines.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_pipes/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/pipes.sh
T=pipes
. "$(dirname "$0")/lib.sh"

start two
check two "hello" "$(echo hello | cat)"

start three
check three "3" "$(seq 3 | cat | wc -l)"

start long
check long "x" "$(echo x | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat)"

start grep_filter
check grep_filter "2
12" "$(seq 12 | grep 2)"

start big
check big "20000" "$(seq 20000 | cat | wc -l)"

start bytes
check bytes "108894" "$(seq 20000 | wc -c)"

start status_last
false | true
check status_last 0 $?

start status_last_fails
true | false
check status_last_fails 1 $?

start not_pipeline
! echo a | grep -q b
check not_pipeline 0 $?

start sigpipe_no_hang
check sigpipe_no_hang "y
y
y" "$(yes | head -n 3)"

start builtin_in_pipe
check builtin_in_pipe "$(pwd)" "$(pwd | cat)"

start newline_after_pipe
out=$(echo a |
cat)
check newline_after_pipe "a" "$out"

start compound_in_pipe
check compound_in_pipe "3" "$(for i in 1 2 3; do echo $i; done | wc -l)"

start pipe_into_while
seq 2 | { while read x; do echo "[$x]"; done; } > /tmp/sh_pipes.$$
check pipe_into_while "[1]
[2]" "$(cat /tmp/sh_pipes.$$)"
rm -f /tmp/sh_pipes.$$

start stderr_not_piped
check stderr_not_piped "" "$(ls /nonexistent_xyz 2>/dev/null | cat)"

start stderr_piped
check stderr_piped "1" "$(ls /nonexistent_xyz 2>&1 | wc -l)"

# A leaked pipe end would show up as an extra descriptor in the child:
# ls in the middle of a pipeline must see as many as ls alone.
if [ -d /proc/self/fd ]; then
    start no_fd_leak
    alone=$(ls /proc/self/fd | wc -l)
    check no_fd_leak "$alone" "$(echo x | ls /proc/self/fd | cat | wc -l)"
fi
