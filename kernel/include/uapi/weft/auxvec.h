/* weft/auxvec.h: the auxiliary vector's keys (ELF ABI, Linux's values). */
#ifndef WEFT_UAPI_AUXVEC_H
#define WEFT_UAPI_AUXVEC_H

#define AT_NULL     0
#define AT_IGNORE   1
#define AT_PHDR     3   /* where the program headers are in memory */
#define AT_PHENT    4   /* size of one program header */
#define AT_PHNUM    5   /* number of program headers */
#define AT_PAGESZ   6
#define AT_BASE     7   /* interpreter base (0: static) */
#define AT_FLAGS    8
#define AT_ENTRY    9   /* the program's entry point */
#define AT_UID      11
#define AT_EUID     12
#define AT_GID      13
#define AT_EGID     14
#define AT_PLATFORM 15
#define AT_HWCAP    16
#define AT_CLKTCK   17
#define AT_SECURE   23
#define AT_RANDOM   25  /* address of 16 random bytes */
#define AT_HWCAP2   26
#define AT_EXECFN   31  /* the file name execve was given */
#define AT_MINSIGSTKSZ 51

#endif
