/*
 * cmdline.c: the kernel command line, as GRUB's multiboot2 line gives it.
 *
 *      multiboot2 /boot/weft.elf [option ...] [-- command ...]
 *
 * Options:
 *      test            run the kernel's self tests and the user test suite,
 *                      then exit QEMU (tests/README.md)
 *      test=PATTERN    the same, but only tests whose name contains PATTERN
 *      init=PATH       run PATH as process 1 instead of /sbin/init
 *      quiet           print no banner (make run)
 *      fork=copy       fork copies every private page at once instead of
 *                      sharing it copy-on-write (to measure the difference)
 *      -- COMMAND      everything after "--" is handed to init as the command
 *                      to run instead of the interactive shell (make run)
 *
 * A word we do not know is kept so that kmain can warn about it, as Linux
 * does; the boot goes on.
 */
#include "bootinfo.h"
#include "string.h"

/*
 * GRUB hands the command after "--" over re-quoted: a word with spaces in
 * double quotes, and \, " and ' escaped with a backslash. Undo that:
 *      "echo \"hi\" | wc"   ->   echo "hi" | wc
 */
static void unquote(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    for (; *src && n + 1 < size; src++) {
        if (*src == '"')
            continue;                   /* GRUB's own quotes */
        if (*src == '\\' && src[1])
            src++;                      /* an escaped character: keep it */
        dst[n++] = *src;
    }
    dst[n] = '\0';
}

/* Is the word [word, word+len) exactly s? */
static bool is(const char *word, size_t len, const char *s)
{
    return len == strlen(s) && strncmp(word, s, len) == 0;
}

/* Copies the value after "key=" if word starts with it. */
static int option(const char *word, size_t len, const char *key, char *dst, size_t dstsize)
{
    size_t klen = strlen(key);
    if (len < klen || strncmp(word, key, klen) != 0)
        return 0;
    size_t n = len - klen;
    if (n >= dstsize)
        n = dstsize - 1;
    memcpy(dst, word + klen, n);
    dst[n] = '\0';
    return 1;
}

void cmdline_parse(struct boot_info *bi)
{
    const char *p = bi->cmdline;
    strlcpy(bi->init_path, "/sbin/init", sizeof bi->init_path);

    while (*p) {
        while (*p == ' ')
            p++;
        if (*p == '\0')
            break;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        size_t len = (size_t)(p - word);

        if (is(word, len, "--")) {
            while (*p == ' ')
                p++;
            unquote(bi->init_cmd, sizeof bi->init_cmd, p);
            break;
        }
        if (is(word, len, "test"))
            bi->test_mode = true;
        else if (option(word, len, "test=", bi->test_filter, sizeof bi->test_filter))
            bi->test_mode = true;
        else if (option(word, len, "init=", bi->init_path, sizeof bi->init_path))
            ;
        else if (is(word, len, "quiet"))
            bi->quiet = true;
        else if (is(word, len, "fork=copy"))
            bi->fork_eager = true;
        else if (word == bi->cmdline && word[0] == '/')
            ;                           /* some loaders pass the kernel's path first */
        else if (bi->nunknown < MAX_UNKNOWN_OPTS) {
            size_t n = len < sizeof bi->unknown[0] - 1 ? len : sizeof bi->unknown[0] - 1;
            memcpy(bi->unknown[bi->nunknown], word, n);
            bi->unknown[bi->nunknown][n] = '\0';
            bi->nunknown++;
        }
    }
}
