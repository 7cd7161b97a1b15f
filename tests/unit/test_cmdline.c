/*
 * test_cmdline.c: init/cmdline.c, the kernel command line.
 *
 * cmdline_parse() fills the option fields of a boot_info from its cmdline
 * field; kmain zeroes boot_info first, and so does parse() here.
 */
#include "unit.h"
#include "bootinfo.h"
#include <stdio.h>
#include <string.h>

static struct boot_info bi;

static void parse(const char *line)
{
    memset(&bi, 0, sizeof bi);
    snprintf(bi.cmdline, sizeof bi.cmdline, "%s", line);
    cmdline_parse(&bi);
}

TEST(empty_line_gives_defaults)
{
    parse("");
    EXPECT(!bi.test_mode);
    EXPECT_STREQ(bi.test_filter, "");
    EXPECT_STREQ(bi.init_path, "/sbin/init");
    EXPECT_STREQ(bi.init_cmd, "");
    EXPECT(!bi.quiet);
    EXPECT_EQ(bi.nunknown, 0);
    parse("    ");
    EXPECT_STREQ(bi.init_path, "/sbin/init");
    EXPECT_EQ(bi.nunknown, 0);
}

TEST(test_alone)
{
    parse("test");
    EXPECT(bi.test_mode);
    EXPECT_STREQ(bi.test_filter, "");
    EXPECT_EQ(bi.nunknown, 0);
}

TEST(test_with_pattern)
{
    parse("test=kernel/");
    EXPECT(bi.test_mode);
    EXPECT_STREQ(bi.test_filter, "kernel/");
    parse("test=");
    EXPECT(bi.test_mode);
    EXPECT_STREQ(bi.test_filter, "");
    parse("test=a=b");
    EXPECT_STREQ(bi.test_filter, "a=b");
    EXPECT_EQ(bi.nunknown, 0);
}

TEST(init_path)
{
    parse("init=/bin/sh");
    EXPECT_STREQ(bi.init_path, "/bin/sh");
    EXPECT(!bi.test_mode);
    parse("init=/bin/sh init=/bin/other");      /* the last one wins */
    EXPECT_STREQ(bi.init_path, "/bin/other");
    EXPECT_EQ(bi.nunknown, 0);
}

TEST(quiet)
{
    parse("quiet");
    EXPECT(bi.quiet);
    EXPECT(!bi.test_mode);
    EXPECT_EQ(bi.nunknown, 0);
}

TEST(several_options_any_spacing)
{
    parse("  quiet   test=boot/    init=/bin/init2 ");
    EXPECT(bi.quiet);
    EXPECT(bi.test_mode);
    EXPECT_STREQ(bi.test_filter, "boot/");
    EXPECT_STREQ(bi.init_path, "/bin/init2");
    EXPECT_EQ(bi.nunknown, 0);
}

/* Words that look like options but are not: each kept, in order. */
TEST(unknown_words_recorded)
{
    parse("testing bogus_option tes quiet2 init test_x -- ");
    EXPECT(!bi.test_mode);
    EXPECT(!bi.quiet);
    EXPECT_STREQ(bi.init_path, "/sbin/init");
    EXPECT_EQ(bi.nunknown, 6);
    EXPECT_STREQ(bi.unknown[0], "testing");
    EXPECT_STREQ(bi.unknown[1], "bogus_option");
    EXPECT_STREQ(bi.unknown[2], "tes");
    EXPECT_STREQ(bi.unknown[3], "quiet2");
    EXPECT_STREQ(bi.unknown[4], "init");
    EXPECT_STREQ(bi.unknown[5], "test_x");
    parse("test bogus_option");                  /* the test boot's line */
    EXPECT(bi.test_mode);
    EXPECT_EQ(bi.nunknown, 1);
    EXPECT_STREQ(bi.unknown[0], "bogus_option");
}

TEST(unknown_words_capped)
{
    parse("u1 u2 u3 u4 u5 u6 u7 u8 u9 u10 u11 quiet");
    EXPECT_EQ(bi.nunknown, MAX_UNKNOWN_OPTS);
    EXPECT_STREQ(bi.unknown[0], "u1");
    EXPECT_STREQ(bi.unknown[MAX_UNKNOWN_OPTS - 1], "u8");
    EXPECT(bi.quiet);                           /* still parsed after the cap */
}

TEST(long_words_truncated)
{
    char line[200];
    memset(line, 'x', 100);
    line[100] = '\0';
    parse(line);
    EXPECT_EQ(bi.nunknown, 1);
    EXPECT_EQ(strlen(bi.unknown[0]), sizeof bi.unknown[0] - 1);

    snprintf(line, sizeof line, "test=%0100d", 7);
    parse(line);
    EXPECT(bi.test_mode);
    EXPECT_EQ(strlen(bi.test_filter), sizeof bi.test_filter - 1);

    char path[300] = "init=/";
    memset(path + 6, 'p', 250);
    path[256] = '\0';
    parse(path);
    EXPECT_EQ(strlen(bi.init_path), sizeof bi.init_path - 1);
    EXPECT_EQ(bi.init_path[0], '/');
}

/* Some loaders pass the kernel's own path as the first word: skipped. A
 * path later on is an unknown word like any other. */
TEST(leading_kernel_path_skipped)
{
    parse("/boot/weft.elf test quiet");
    EXPECT(bi.test_mode);
    EXPECT(bi.quiet);
    EXPECT_EQ(bi.nunknown, 0);
    parse("quiet /boot/weft.elf");
    EXPECT_EQ(bi.nunknown, 1);
    EXPECT_STREQ(bi.unknown[0], "/boot/weft.elf");
}

TEST(command_after_dashes)
{
    parse("quiet -- ls -l /");
    EXPECT(bi.quiet);
    EXPECT_STREQ(bi.init_cmd, "ls -l /");
    /* Options after "--" belong to the command. */
    parse("-- test quiet init=/x");
    EXPECT(!bi.test_mode);
    EXPECT(!bi.quiet);
    EXPECT_STREQ(bi.init_path, "/sbin/init");
    EXPECT_STREQ(bi.init_cmd, "test quiet init=/x");
    EXPECT_EQ(bi.nunknown, 0);
    parse("test --");
    EXPECT(bi.test_mode);
    EXPECT_STREQ(bi.init_cmd, "");
    parse("--   spaced");
    EXPECT_STREQ(bi.init_cmd, "spaced");
    /* "--x" is not the separator. */
    parse("--x y");
    EXPECT_STREQ(bi.init_cmd, "");
    EXPECT_EQ(bi.nunknown, 2);
}

/*
 * tools/mkiso puts CMD into grub.cfg as one double-quoted word; GRUB then
 * hands it to the kernel re-quoted: the word in double quotes because it
 * has spaces, and each \, " and ' escaped with a backslash. So the command
 *      echo "a  b" | wc -l; echo $HOME \x 'q'
 * arrives as
 *      -- "echo \"a  b\" | wc -l; echo $HOME \\x \'q\'"
 * and must come out as it went in.
 */
TEST(command_with_grub_requoting_undone)
{
    parse("-- \"echo \\\"a  b\\\" | wc -l; echo $HOME \\\\x \\'q\\'\"");
    EXPECT_STREQ(bi.init_cmd, "echo \"a  b\" | wc -l; echo $HOME \\x 'q'");
    parse("test=user/ -- \"sh -c \\'exit 3\\'\"");
    EXPECT(bi.test_mode);
    EXPECT_STREQ(bi.test_filter, "user/");
    EXPECT_STREQ(bi.init_cmd, "sh -c 'exit 3'");
    /* A word without spaces is not put in quotes, but still escaped. */
    parse("-- say\\\"hi\\\"");
    EXPECT_STREQ(bi.init_cmd, "say\"hi\"");
    /* A lone backslash at the very end is kept. */
    parse("-- \"a b\\\\\"");
    EXPECT_STREQ(bi.init_cmd, "a b\\");
    parse("-- trailing\\");
    EXPECT_STREQ(bi.init_cmd, "trailing\\");
}

/* The longest command line fits in init_cmd whole. */
TEST(longest_command)
{
    char line[CMDLINE_MAX];
    memcpy(line, "-- ", 3);
    memset(line + 3, 'c', sizeof line - 4);
    line[sizeof line - 1] = '\0';
    parse(line);
    EXPECT_EQ(strlen(bi.init_cmd), CMDLINE_MAX - 4);
}
