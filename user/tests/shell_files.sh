#!/bin/sh
# shell_files.sh: the file layer as a shell user meets it: pipelines of
# several programs, redirections that go to files and come back, a script
# run directly through its #! line, and the tools (cat, cp, mv, ln, rm,
# tee, sort, head, tail, wc) on files made by redirection.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/shell_files/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/tests/shell_files.sh
T=shell_files
start() { echo "TEST START user/$T/$1"; }
check() {   # check CASE EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then
        echo "TEST PASS user/$T/$1"
    else
        echo "TEST FAIL user/$T/$1: expected '$2', got '$3'"
    fi
}
D=/tmp/$T.$$
mkdir -p $D

# --- pipelines -------------------------------------------------------------------
start pipeline_three
check pipeline_three 271 "$(seq 1 1000 | grep 7 | wc -l)"

start pipeline_four
check pipeline_four "1000
999
998" "$(seq 1 1000 | sort -r -n | head -3 | cat)"

start pipeline_to_file
seq 1 1000 | grep 7 | tail -2 > $D/p
check pipeline_to_file "987
997" "$(cat $D/p)"

# --- redirections: there and back ---------------------------------------------------
start out_then_in
seq 5 > $D/a
check out_then_in "5 1 5" "$(wc -l < $D/a) $(head -1 < $D/a) $(tail -1 < $D/a)"

start cat_of_echo
echo hello world > $D/h
check cat_of_echo "hello world" "$(cat $D/h)"

start truncate
echo longer line here > $D/t
echo short > $D/t
check truncate "short|6" "$(cat $D/t)|$(wc -c < $D/t)"

start append
echo one > $D/ap
echo two >> $D/ap
echo three >> $D/ap
check append "one
two
three" "$(cat $D/ap)"

start append_creates
rm -f $D/new
echo made >> $D/new
check append_creates "made" "$(cat $D/new)"

start in_and_out
cat < $D/ap > $D/copy
check in_and_out "3 one" "$(wc -l < $D/copy) $(head -1 $D/copy)"

start big_round_trip
seq 20000 > $D/big
check big_round_trip "20000 108894 20000 1" "$(wc -l < $D/big) $(wc -c < $D/big) $(tail -1 $D/big) $(head -1 < $D/big)"

start stderr_captured
ls /nonexistent_$T > $D/out 2> $D/err
st=$?
check stderr_captured "1 0 yes" "$(grep -c nonexistent_$T $D/err) $(wc -c < $D/out) $([ $st -ne 0 ] && echo yes)"

start stderr_to_stdout
ls /nonexistent_$T > $D/both 2>&1
check stderr_to_stdout "1" "$(grep -c nonexistent_$T $D/both)"

start both_streams_in_pipe
check both_streams_in_pipe 2 "$(sh -c "echo out; ls /nonexistent_$T" 2>&1 | wc -l)"

start stdout_only_in_pipe
check stdout_only_in_pipe 1 "$(sh -c "echo out; ls /nonexistent_$T" 2>/dev/null | wc -l)"

start dev_null
check dev_null "0|" "$(cat < /dev/null | wc -c)|$(echo gone > /dev/null)"

start tee
check tee "x|x" "$(echo x | tee $D/tee | cat)|$(cat $D/tee)"

# --- a script run by its #! line --------------------------------------------------
start script_direct
echo '#!/bin/sh' > $D/s.sh
echo 'echo "args:$# $1 $2"' >> $D/s.sh
echo 'exit 3' >> $D/s.sh
chmod 755 $D/s.sh
out=$($D/s.sh a b)
st=$?
check script_direct "args:2 a b 3" "$out $st"

start script_not_executable
chmod 644 $D/s.sh
$D/s.sh a b 2> /dev/null
check script_not_executable 126 $?

start script_missing
$D/no_such_script.sh 2> /dev/null
check script_missing 127 $?

# --- $? after programs -------------------------------------------------------------
start status_false
false
check status_false 1 $?

start status_true
true
check status_true 0 $?

start status_cat_missing
cat $D/no_such_file 2> /dev/null
check status_cat_missing 1 $?

start and_or
check and_or "no yes" "$(cat $D/no_such_file 2>/dev/null && echo yes || echo no) $(cat $D/h > /dev/null && echo yes || echo no)"

# --- the tools on files ---------------------------------------------------------------
start cp_mv_rm
cp $D/h $D/h2
mv $D/h2 $D/h3
check cp_mv_rm "hello world|no|hello world" "$(cat $D/h3)|$([ -e $D/h2 ] && echo yes || echo no)|$(cat $D/h)"
rm $D/h3

start symlink_cat
ln -s $D/h $D/hl
check symlink_cat "hello world" "$(cat $D/hl)"

start ls_lists
mkdir $D/l
echo b > $D/l/b
echo a > $D/l/a
: > $D/l/c
check ls_lists "a b c|0" "$(ls $D/l | sort | xargs echo)|$(wc -c < $D/l/c)"

# 300 names: more than one getdents64 buffer of readdir holds.
start rm_r_many
mkdir $D/many
for i in $(seq 300); do : > $D/many/f$i; done
n=$(ls $D/many | wc -l)
rm -r $D/many 2> /dev/null
st=$?
check rm_r_many "300 0 gone" "$n $st $([ -e $D/many ] && echo "still there: $(ls $D/many | wc -l) left" || echo gone)"
for i in 1 2 3 4 5; do rm -r $D/many 2> /dev/null; done     # what a failure left

start sort_file
echo pear > $D/f
echo apple >> $D/f
echo fig >> $D/f
check sort_file "apple fig pear" "$(sort < $D/f | xargs echo)"

start cleanup
rm -r $D
check cleanup "gone" "$([ -e $D ] && echo still there || echo gone)"
