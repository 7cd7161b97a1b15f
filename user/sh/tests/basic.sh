#!/bin/sh
# basic.sh: simple commands, lists, comments, cd, PATH search, scripts.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_basic/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/basic.sh
# Needs the tools in $PATH (echo cat ...) and a writable /tmp.
T=basic
. "$(dirname "$0")/lib.sh"
D=/tmp/sh_$T.$$
mkdir -p $D

start echo
check echo "hello world" "$(echo hello world)"

start many_blanks
check many_blanks "a b c" "$(echo   a    b	c  )"

start semicolon
out=$(echo 1; echo 2)
check semicolon "1
2" "$out"

start newlines
out=$(echo a
echo b
)
check newlines "a
b" "$out"

start comment
check comment "a" "$(echo a # b c)"

start comment_line
out=$(
# a whole line of comment
echo x)
check comment_line "x" "$out"

start hash_in_word
check hash_in_word "a#b" "$(echo a#b)"

start and_list
check and_list "yes" "$(true && echo yes)"

start and_skip
check and_skip "" "$(false && echo yes)"

start or_list
check or_list "no" "$(false || echo no)"

start and_or_chain
check and_or_chain "b" "$(false && echo a || echo b)"

start continuation
check continuation "ab" "$(echo a\
b)"

start not
! false
check not 0 $?

start path_search
echo 'echo found me' > $D/hello_xyz
chmod +x $D/hello_xyz
check path_search "found me" "$(PATH=$D:$PATH; hello_xyz)"

start path_prefix_assign
check path_prefix_assign "found me" "$(PATH=$D:$PATH hello_xyz)"

start not_found_status
nosuchcommand_xyz 2>/dev/null
check not_found_status 127 $?

start not_found_message
check not_found_message "sh: nosuchcommand_xyz: command not found" "$(nosuchcommand_xyz 2>&1)"

start not_executable
echo "echo hi" > $D/noexec
$D/noexec 2>/dev/null
check not_executable 126 $?

start script_hashbang
echo '#!/bin/sh' > $D/s1
echo 'echo "script $1"' >> $D/s1
chmod +x $D/s1
check script_hashbang "script arg" "$(sh $D/s1 arg)"

# The kernel reads the #! line and runs /bin/sh with the file.
start script_exec_hashbang
check script_exec_hashbang "script direct" "$($D/s1 direct)"

start script_no_hashbang
echo 'echo "plain $#"' > $D/s2
chmod 755 $D/s2
check script_no_hashbang "plain 2" "$($D/s2 a b)"

start sh_c
check sh_c "x y" "$(sh -c 'echo $0 $1' x y)"

start cd_pwd
out=$(cd $D && pwd)
check cd_pwd "$D" "$out"

start cd_home
out=$(HOME=$D; cd; pwd)
check cd_home "$D" "$out"

start cd_missing
out=$(cd /nonexistent_dir_xyz 2>&1)
check cd_missing "sh: cd: /nonexistent_dir_xyz: No such file or directory" "$out"

start cd_stays_in_subshell
here=$(pwd)
(cd /)
check cd_stays_in_subshell "$here" "$(pwd)"

start exit_status
sh -c 'exit 7'
check exit_status 7 $?

start exit_no_arg
sh -c 'false; exit'
check exit_no_arg 1 $?

start builtin_pwd_redirect
pwd > $D/pwd.out
check builtin_pwd_redirect "$(pwd)" "$(cat $D/pwd.out)"

start type_builtin
check type_builtin "cd is a shell builtin" "$(type cd)"

start empty_command
""  2>/dev/null
check empty_command 127 $?

rm -rf $D
