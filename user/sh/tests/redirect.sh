#!/bin/sh
# redirect.sh: < > >> 2> 2>&1 and redirections of builtins and compounds.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_redirect/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/redirect.sh
T=redirect
. "$(dirname "$0")/lib.sh"
D=/tmp/sh_$T.$$
mkdir -p $D

start out
echo one > $D/f
check out "one" "$(cat $D/f)"

start truncate
echo two > $D/f
check truncate "two" "$(cat $D/f)"

start append
echo three >> $D/f
check append "two
three" "$(cat $D/f)"

start in
check in "2" "$(wc -l < $D/f)"

start in_and_out
cat < $D/f > $D/g
check in_and_out "two
three" "$(cat $D/g)"

start stderr
ls /nonexistent_xyz 2> $D/err
check stderr "1" "$(grep -c nonexistent_xyz $D/err)"

start stderr_to_stdout
check stderr_to_stdout "1" "$(ls /nonexistent_xyz 2>&1 | grep -c nonexistent_xyz)"

start order_matters
ls /nonexistent_xyz 2>&1 > $D/o 2>/dev/null
check order_matters "" "$(cat $D/o)"

start dev_null
check dev_null "" "$(echo gone > /dev/null)"

start missing_input
out=$(sh -c 'cat < /nonexistent_xyz' 2>&1)
st=$?
check missing_input "1 sh: /nonexistent_xyz: No such file or directory" "$st $out"

# Redirections stop at the first that fails: the command does not run
# and the later ones are not made.
start missing_input_no_run
echo x | cat 2>/dev/null < /nonexistent_xyz > $D/ran
check missing_input_no_run "no" "$([ -e $D/ran ] && echo yes || echo no)"

start redirect_first
> $D/h echo early
check redirect_first "early" "$(cat $D/h)"

start create_only
rm -f $D/empty
> $D/empty
check create_only "yes" "$([ -f $D/empty ] && echo yes)"

start builtin_restored
pwd > $D/p
echo after > $D/q
check builtin_restored "after" "$(cat $D/q)"

start group
{ echo a; echo b; } > $D/grp
check group "a
b" "$(cat $D/grp)"

start while_input
seq 3 > $D/nums
sum=0
while read n; do sum=$((sum + n)); done < $D/nums
check while_input 6 $sum

start for_output
for i in 1 2; do echo $i; done > $D/for
check for_output "1
2" "$(cat $D/for)"

start exec_fd
exec 3> $D/fd3
echo via3 >&3
exec 3>&-
check exec_fd "via3" "$(cat $D/fd3)"

start dup_in
exec 4< $D/nums
read first <&4
exec 4<&-
check dup_in 1 "$first"

start var_target
name=$D/varfile
echo v > $name
check var_target "v" "$(cat $D/varfile)"

start noclobber_pipe
echo z >| $D/z
check noclobber_pipe "z" "$(cat $D/z)"

rm -rf $D
