#!/bin/sh
# control.sh: if, while, until, for, { }, ( ), functions, break, continue.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_control/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/control.sh
T=control
. "$(dirname "$0")/lib.sh"

start if_true
check if_true yes "$(if true; then echo yes; else echo no; fi)"

start if_false
check if_false no "$(if false; then echo yes; else echo no; fi)"

start elif
check elif two "$(x=2; if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo many; fi)"

start if_multiline
out=$(if true
then
    echo multi
fi)
check if_multiline multi "$out"

start while
check while "1 2 3" "$(i=0; while [ $i -lt 3 ]; do i=$((i + 1)); echo $i; done | xargs)"

start until
check until "3" "$(i=0; until [ $i -ge 3 ]; do i=$((i + 1)); done; echo $i)"

start for
check for "a b c" "$(for w in a b c; do echo $w; done | xargs)"

start for_single
check for_single "x" "$(for w in x; do echo $w; done)"

start for_args
echo 'for a; do echo "<$a>"; done' > /tmp/sh_control.$$
check for_args "<1>
<2 3>" "$(sh /tmp/sh_control.$$ 1 "2 3")"
rm -f /tmp/sh_control.$$

start break
check break "1 2" "$(for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done | xargs)"

start continue
check continue "1 3" "$(for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done | xargs)"

start break_nested
check break_nested "a1 b1" "$(for o in a b; do for i in 1 2; do [ $i = 2 ] && continue 2; echo $o$i; done; done | xargs)"

start group
check group "g1 g2" "$({ echo g1; echo g2; } | xargs)"

start subshell
out=$(x=out; (x=in; echo $x); echo $x)
check subshell "in
out" "$out"

start function
greet() { echo "hi $1"; }
check function "hi there" "$(greet there)"

start function_args
nargs() { echo $#; }
check function_args 3 "$(nargs a b c)"

start function_return
ret() { return 3; echo notreached; }
ret
check function_return 3 $?

start function_positional_restored
echo 'f() { echo $1; }; f inner; echo $1' > /tmp/sh_control.$$
check function_positional_restored "inner
outer" "$(sh /tmp/sh_control.$$ outer)"
rm -f /tmp/sh_control.$$

start function_recursion
count() { if [ $1 -gt 0 ]; then echo $1; count $(($1 - 1)); fi; }
check function_recursion "3 2 1" "$(count 3 | xargs)"

start function_in_pipe
up() { echo piped; }
check function_in_pipe piped "$(up | cat)"

start test_strings
check test_strings "0 1 0 1" "$([ a = a ]; echo $?) $([ a = b ]; echo $?) $([ -n x ]; echo $?) $([ -z x ]; echo $?)"

start test_numbers
check test_numbers "0 1 0" "$([ 3 -gt 2 ]; echo $?) $([ 3 -lt 2 ]; echo $?) $(test 5 -eq 5; echo $?)"

start test_files
check test_files "0 0 1" "$([ -d / ]; echo $?) $([ -e / ]; echo $?) $([ -f / ]; echo $?)"

start test_not_and_or
check test_not_and_or "0 0 1" "$([ ! a = b ]; echo $?) $([ a = a -a b = b ]; echo $?) $([ a = b -o b = c ]; echo $?)"
