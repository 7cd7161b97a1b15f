/* forkwait.c: fork, the child exits 7, the parent waits and reports. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0)
        _exit(7);
    int st;
    if (waitpid(pid, &st, 0) != pid) {
        perror("waitpid");
        return 1;
    }
    if (!WIFEXITED(st)) {
        printf("child did not exit: status 0x%x\n", st);
        return 1;
    }
    printf("child exited %d\n", WEXITSTATUS(st));
    return 0;
}
