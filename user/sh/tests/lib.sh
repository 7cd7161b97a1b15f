# lib.sh: the two functions every script in this directory starts with.
# Not a test: each script sets T to its own name and reads this file into
# itself with `.`, from the directory the script was started from (/test
# on weft, user/sh/tests on the host):
#
#     T=basic
#     . "$(dirname "$0")/lib.sh"
#
# (runtests also runs it, as it runs every /test/*.sh: it prints nothing.)

# start CASE, then check CASE EXPECTED ACTUAL: the TEST START and TEST
# PASS/FAIL lines, named user/sh_$T/CASE, that tests/run-tests collects.
start() { echo "TEST START user/sh_$T/$1"; }
check() {
    if [ "$2" = "$3" ]; then
        echo "TEST PASS user/sh_$T/$1"
    else
        echo "TEST FAIL user/sh_$T/$1: expected '$2', got '$3'"
    fi
}
