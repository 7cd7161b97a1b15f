# libc/libc.mk: weft's C library, included by the top Makefile (which
# defines BUILD, CC, Q and say).
#
# It builds two things:
#   $(CRT0)    crt0.o, the program entry point (_start); linked first
#   $(LIBC_A)  libc.a, everything else
# and defines how to compile and link a user program against them:
#
#   $(CC) $(UCFLAGS) -c prog.c -o prog.o
#   $(CC) $(ULDFLAGS) -o prog $(CRT0) prog.o $(ULIBS)
#
# (or $(ULINK) in a rule whose prerequisites are the program's objects).
# The result is a static, non-PIE ELF executable (ET_EXEC) that speaks only
# the Linux x86-64 system call ABI: it runs on weft and on Linux alike.

LIBC_A := $(BUILD)/libc/libc.a
CRT0   := $(BUILD)/libc/crt0.o

# User programs: our headers only (-nostdinc: never the host's), the
# kernel's ABI headers for <weft/...>, no stack protector (it needs TLS
# canary support we do not have), no PIE. Each function in its own section
# so the linker can drop what a program does not use.
UCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-nostdinc -isystem libc/include -isystem kernel/include/uapi \
	-fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables \
	-ffunction-sections -fdata-sections

# Static, no host start files or libraries, not position independent;
# libgcc last for the few helpers gcc may call.
ULDFLAGS := -static -nostdlib -no-pie -Wl,--gc-sections -Wl,-z,max-page-size=4096
ULIBS    := $(LIBC_A) -lgcc
ULINK     = $(CC) $(ULDFLAGS) -o $@ $(CRT0) $(filter-out $(CRT0),$(filter %.o,$^)) $(ULIBS)

# The library itself: also its private headers (libc/internal), and
# -ffreestanding: it IS the implementation, so gcc must not assume what
# memcpy or printf do, nor turn the loop inside memset into a call to
# memset (-fno-tree-loop-distribute-patterns).
LIBC_CFLAGS := $(UCFLAGS) -ffreestanding -fno-tree-loop-distribute-patterns \
	-iquote libc/internal -MMD -MP

LIBC_SRCS := $(sort $(shell find libc -name '*.c' -o -name '*.S'))
LIBC_SRCS := $(filter-out libc/arch/x86_64/crt0.S,$(LIBC_SRCS))
LIBC_OBJS := $(patsubst libc/%,$(BUILD)/libc/%.o,$(LIBC_SRCS))

# Static pattern rules: they take precedence over the kernel's
# $(BUILD)/%.c.o rule, which would otherwise match these objects too.
$(filter %.c.o,$(LIBC_OBJS)): $(BUILD)/libc/%.c.o: libc/%.c
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(filter %.S.o,$(LIBC_OBJS)): $(BUILD)/libc/%.S.o: libc/%.S
	@mkdir -p $(dir $@)
	$(say) AS $<
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(CRT0): libc/arch/x86_64/crt0.S
	@mkdir -p $(dir $@)
	$(say) AS $<
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(LIBC_A): $(LIBC_OBJS)
	$(say) AR $@
	$(Q)rm -f $@
	$(Q)$(CROSS)ar rcs $@ $(LIBC_OBJS)

.PHONY: libc
libc: $(LIBC_A) $(CRT0)

-include $(LIBC_OBJS:.o=.d) $(CRT0:.o=.d)
