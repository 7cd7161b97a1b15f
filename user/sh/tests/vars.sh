#!/bin/sh
# vars.sh: variables, the environment, special parameters, expansions.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_vars/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/vars.sh
T=vars
. "$(dirname "$0")/lib.sh"
D=/tmp/sh_$T.$$
mkdir -p $D

start assign
a=hello
check assign hello "$a"

start braces
check braces "hello_x" "${a}_x"

start name_ends
check name_ends "" "$a_x"

start unset_is_empty
check unset_is_empty "[]" "[$never_set_xyz]"

start unset
b=1
unset b
check unset "[]" "[$b]"

start status
false
check status 1 $?

start status_again
true
check status_again 0 $?

start pid
check pid "$$" "$(echo $$)"

start pid_is_number
check pid_is_number yes "$([ "$$" -gt 0 ] && echo yes)"

start bg_pid
sleep 0 &
p=$!
wait $p
check bg_pid yes "$([ "$p" -gt 0 ] && echo yes)"

start positional
echo 'echo "$0|$1|$2|$#|$*"' > $D/pos
check positional "$D/pos|a|b c|2|a b c" "$(sh $D/pos a "b c")"

start at_quoted
echo 'for x in "$@"; do echo "[$x]"; done' > $D/at
check at_quoted "[a]
[b c]
[]" "$(sh $D/at a "b c" "")"

start at_empty
echo 'for x in "$@"; do echo "[$x]"; done; echo n=$#' > $D/at0
check at_empty "n=0" "$(sh $D/at0)"

start shift
echo 'shift; echo $1 $#' > $D/sh
check shift "b 1" "$(sh $D/sh a b)"

start export
export EXPORTED_XYZ=yes
check export "EXPORTED_XYZ=yes" "$(env | grep EXPORTED_XYZ)"

start not_exported
PRIVATE_XYZ=no
check not_exported "" "$(env | grep PRIVATE_XYZ)"

start export_later
export PRIVATE_XYZ
check export_later "PRIVATE_XYZ=no" "$(env | grep PRIVATE_XYZ)"

start prefix_assign
check prefix_assign "ONE_XYZ=1" "$(ONE_XYZ=1 env | grep ONE_XYZ)"

start prefix_not_kept
ONE_XYZ=1 true
check prefix_not_kept "[]" "[$ONE_XYZ]"

start unset_export
unset EXPORTED_XYZ
check unset_export "" "$(env | grep EXPORTED_XYZ)"

start default
check default "def" "${nothing_xyz:-def}"

start default_set
check default_set "hello" "${a:-def}"

start assign_default
: ${newvar_xyz:=given}
check assign_default "given" "$newvar_xyz"

start alternate
check alternate "alt" "${a:+alt}"

start length
check length 5 "${#a}"

start arith
check arith 7 "$((1 + 2 * 3))"

start arith_vars
n=4
check arith_vars 13 "$((n * 3 + 1))"

start arith_compare
check arith_compare "1 0" "$((2 > 1)) $((2 < 1))"

start cmd_subst_trailing_newlines
check cmd_subst_trailing_newlines "a" "$(echo a; echo; echo)"

start cmd_subst_status
x=$(false)
check cmd_subst_status 1 $?

start cmd_subst_nested
check cmd_subst_nested "1 2" "$(echo $(echo 1) $(echo 2))"

start subshell_vars
v=outer
(v=inner)
check subshell_vars outer "$v"

start for_var
for i in x y; do :; done
check for_var y "$i"

start read_fields
echo "a b  c d" > $D/line
read f1 f2 rest < $D/line
check read_fields "a|b|c d" "$f1|$f2|$rest"

rm -rf $D
