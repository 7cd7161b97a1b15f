/* setjmp.c: the C halves of sigsetjmp and siglongjmp (the register
 * saving and restoring is arch/x86_64/setjmp.S). */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>

int __sigsetjmp_save(sigjmp_buf env, int savemask);

/* Reached by a jump from sigsetjmp, so its return is sigsetjmp's first
 * return, with 0. */
int __sigsetjmp_save(sigjmp_buf env, int savemask)
{
    env->__mask_saved = savemask != 0;
    if (savemask)
        sigprocmask(SIG_BLOCK, NULL, &env->__mask);  /* read the mask */
    return 0;
}

/* Restore the mask (if sigsetjmp saved one), then jump. */
_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
    if (env->__mask_saved)
        sigprocmask(SIG_SETMASK, &env->__mask, NULL);
    longjmp(env, val);
}
