#!/bin/sh
# tools.sh: the everyday tools of /bin, driven from the shell.
#
# Driver: plain /bin/sh script; prints TEST START/PASS/FAIL lines named
# user/sh_tools/<case>. On the host, from the top of the tree:
#   PATH=$PWD/build/rootfs/bin:$PATH build/rootfs/bin/sh user/sh/tests/tools.sh
T=tools
. "$(dirname "$0")/lib.sh"
D=/tmp/sh_$T.$$
rm -rf $D
mkdir -p $D

start echo_n
check echo_n "ab" "$(echo -n a; echo b)"

start echo_e
check echo_e "a	b" "$(echo -e 'a\tb')"

start cat_files
echo one > $D/1
echo two > $D/2
check cat_files "one
two" "$(cat $D/1 $D/2)"

start cat_missing
out=$(cat $D/none 2>&1)
check cat_missing "1 cat: $D/none: No such file or directory" "$? $out"

start wc
echo "a b c" > $D/wc
echo "d" >> $D/wc
check wc "2 4 8" "$(wc -l < $D/wc) $(wc -w < $D/wc) $(wc -c < $D/wc)"

start wc_file
check wc_file "2 $D/wc" "$(wc -l $D/wc)"

start head
check head "1
2" "$(seq 10 | head -n 2)"

start head_dash_n
check head_dash_n "1" "$(seq 10 | head -1)"

start tail
check tail "9
10" "$(seq 10 | tail -n 2)"

start grep
check grep "Apple" "$( (echo Apple; echo pear) | grep -i apple)"

start grep_v_n_c
seq 5 > $D/five
check grep_v_n_c "3:3|4|1" "$(grep -n 3 $D/five)|$(grep -v -c 3 $D/five)|$(grep -c 3 $D/five)"

start grep_status
grep -q 7 $D/five
check grep_status 1 $?

start mkdir_p
mkdir -p $D/x/y/z
check mkdir_p yes "$([ -d $D/x/y/z ] && echo yes)"

start mkdir_exists
mkdir $D/x 2>/dev/null
check mkdir_exists 1 $?

start rmdir
rmdir $D/x/y/z
check rmdir no "$([ -d $D/x/y/z ] && echo yes || echo no)"

start rm_r
touch $D/x/y/file
rm -r $D/x
check rm_r no "$([ -e $D/x ] && echo yes || echo no)"

start rm_f_missing
rm -f $D/never
check rm_f_missing 0 $?

start rm_missing
rm $D/never 2>/dev/null
check rm_missing 1 $?

start cp
cp $D/1 $D/copy
check cp one "$(cat $D/copy)"

start cp_into_dir
mkdir $D/dir
cp $D/1 $D/2 $D/dir
check cp_into_dir "1 2" "$(ls $D/dir | xargs)"

start mv
mv $D/copy $D/moved
check mv "no one" "$([ -e $D/copy ] && echo yes || echo no) $(cat $D/moved)"

start ln_s
ln -s $D/1 $D/link
check ln_s one "$(cat $D/link)"

start ls_l_link
check ls_l_link yes "$(ls -l $D/link | grep -q "$D/link -> $D/1" && echo yes)"

start ls_dir
check ls_dir "1 2" "$(ls $D/dir | xargs)"

start ls_a
touch $D/dir/.dot
check ls_a ". .. .dot 1 2" "$(ls -a $D/dir | xargs)"

start ls_l_mode
chmod 640 $D/1
check ls_l_mode "-rw-r-----" "$(ls -l $D/1 | xargs | while read m rest; do echo $m; done)"

start ln_hard
ln $D/2 $D/hard
check ln_hard two "$(cat $D/hard)"

start touch_new
touch $D/new
check touch_new yes "$([ -f $D/new ] && echo yes)"

start tee
check tee "t t" "$(echo t | tee $D/tee) $(cat $D/tee)"

start tee_read_error
out=$(tee $D/tee < / 2>&1)
check tee_read_error "1 tee: standard input: Is a directory" "$? $out"

start seq
check seq "2 4 6" "$(seq 2 2 6 | xargs)"

start sort
check sort "a b c" "$( (echo c; echo a; echo b) | sort | xargs)"

start sort_n_r
check sort_n_r "10 9 1" "$( (echo 9; echo 10; echo 1) | sort -n -r | xargs)"

start basename_dirname
check basename_dirname "c.txt c /a/b" "$(basename /a/b/c.txt) $(basename /a/b/c.txt .txt) $(dirname /a/b/c.txt)"

start env_run
check env_run "V_XYZ=1" "$(env V_XYZ=1 env | grep V_XYZ)"

start true_false
true
t=$?
false
check true_false "0 1" "$t $?"

start sleep_fraction
sleep 0.1
check sleep_fraction 0 $?

start sleep_usage
sleep bad 2>/dev/null
check sleep_usage 2 $?

start uname
check uname yes "$([ -n "$(uname)" ] && echo yes)"

start kill_tool
sleep 5 &
env kill -s KILL $!
wait $!
check kill_tool 137 $?

start ps_lists_self
check ps_lists_self yes "$(ps | grep -q "PID  PPID  PGID STAT" && echo yes)"

start free
check free yes "$(free | grep -q 'Mem:' && echo yes)"

start uptime
check uptime yes "$(uptime | grep -q 'load average:' && echo yes)"

start usage_errors
ls -Q 2>/dev/null; a=$?
head -n x 2>/dev/null; b=$?
grep 2>/dev/null; c=$?
check usage_errors "2 2 2" "$a $b $c"

rm -rf $D
