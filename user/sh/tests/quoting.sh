#!/bin/sh
# quoting.sh: quotes, backslashes, field splitting and file name patterns.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_quoting/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/quoting.sh
T=quoting
. "$(dirname "$0")/lib.sh"
nargs() { echo $#; }
D=/tmp/sh_$T.$$
mkdir -p $D
x=value

start single
check single 'a  $x "b"' "$(echo 'a  $x "b"')"

start double
check double 'a  value '\''b'\''' "$(echo "a  $x 'b'")"

start double_escapes
check double_escapes '$x "q" \n \' "$(echo "\$x \"q\" \n \\")"

start backslash
check backslash 'a b$x' "$(echo a\ b\$x)"

start adjacent
check adjacent 'abcvalue' "$(echo a'b'"c"$x)"

start empty_arg
check empty_arg 3 "$(nargs a "" b)"

start empty_single
check empty_single 1 "$(nargs '')"

start spaces_kept
check spaces_kept 1 "$(nargs "a   b")"

start split_unquoted
y="one   two three"
check split_unquoted 3 "$(nargs $y)"

start no_split_quoted
check no_split_quoted 1 "$(nargs "$y")"

start empty_var_vanishes
empty=
check empty_var_vanishes 0 "$(nargs $empty)"

start operators_quoted
check operators_quoted 'a|b;c&d>e' "$(echo 'a|b;c&d>e')"

start dollar_alone
check dollar_alone 'a$ $' "$(echo a$ $)"

start subst_in_quotes
check subst_in_quotes "x  y" "$(echo "$(echo "x  y")")"

start backquote
check backquote "bq" "$(echo `echo bq`)"

start unterminated
out=$(sh -c 'echo "abc' 2>&1)
st=$?
check unterminated "2 sh: syntax error: unexpected end of file" "$st $out"

start unterminated_single
sh -c "echo 'abc" 2>/dev/null
check unterminated_single 2 $?

start syntax_error
out=$(sh -c 'echo a | | cat' 2>&1)
check syntax_error "sh: syntax error near unexpected token \`|'" "$out"

touch $D/a.c $D/b.c $D/c.h $D/.hidden.c
start glob_star
check glob_star "$D/a.c $D/b.c" "$(echo $D/*.c)"

start glob_question
check glob_question "$D/a.c $D/b.c $D/c.h" "$(echo $D/?.?)"

start glob_bracket
check glob_bracket "$D/a.c $D/c.h" "$(echo $D/[ac].*)"

start glob_quoted
check glob_quoted "$D/*.c" "$(echo "$D/*.c")"

start glob_no_match
check glob_no_match "$D/*.zz" "$(echo $D/*.zz)"

start glob_hidden
check glob_hidden "$D/.hidden.c" "$(echo $D/.*.c)"

start tilde
check tilde "/home/x/y" "$(HOME=/home/x; echo ~/y)"

start tilde_quoted
check tilde_quoted "~/y" "$(echo "~/y")"

rm -rf $D
