# weft's Makefile. `make help` lists the targets.
#
# Everything is built under build/. The kernel is freestanding C and
# assembly linked by ld with linker.ld; GRUB boots it from an ISO.

.DEFAULT_GOAL := all
BUILD   := build
MEM     ?= 256M
CPUS    ?= 1
T       ?=
CMD     ?=
ROOTFS_EXTRA ?=

# --- Toolchain ---------------------------------------------------------------
# A cross compiler if there is one, else the host gcc (Debian's targets
# x86-64 ELF, which is all we need).
CROSS   ?= $(shell command -v x86_64-elf-gcc >/dev/null 2>&1 && echo x86_64-elf-)
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
HOSTCC  := gcc

# Short output ("CC kernel/mm/frame.c"); make V=1 shows the commands.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-6s %s\n'
endif

# Missing tools (a fresh machine) are installed by tools/setup-deps once.
DEPS_STAMP := $(BUILD)/.deps-ok
$(DEPS_STAMP): tools/setup-deps
	@tools/setup-deps --if-missing
	@mkdir -p $(BUILD) && touch $@

# --- Kernel ------------------------------------------------------------------
# Freestanding: no libc, no red zone (interrupts would clobber it), the
# "kernel" code model for the top 2 GiB, no SSE in the kernel (user
# registers stay untouched), frame pointers for backtraces.
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-pic -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-fno-stack-protector -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-strict-aliasing -nostdlib -Ikernel/include -Ikernel/include/uapi -MMD -MP
KLDFLAGS := -n -T linker.ld -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments

KSRCS := $(sort $(shell find boot kernel -name '*.c' -o -name '*.S'))
ROOTFS := $(BUILD)/rootfs
KOBJS := $(patsubst %,$(BUILD)/%.o,$(KSRCS))
KERNEL := $(BUILD)/weft.elf
KSYMS  := $(BUILD)/weft.sym

$(BUILD)/%.c.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(say) AS $<
	$(Q)$(CC) $(KCFLAGS) -D__ASSEMBLER__ -c $< -o $@

$(KERNEL): $(KOBJS) linker.ld
	$(say) LD $@
	$(Q)$(LD) $(KLDFLAGS) -o $@ $(KOBJS)
	@grub-file --is-x86-multiboot2 $@ || { echo "$@: not a valid multiboot2 kernel"; rm -f $@; exit 1; }

# The symbol table for backtraces: function addresses, sorted.
$(KSYMS): $(KERNEL)
	$(say) NM $@
	$(Q)$(NM) -n --defined-only $< | grep -i ' t ' > $@

# --- User space: the C library and the programs -------------------------------
include libc/libc.mk

# Where each program goes in the root tree:
#   user/init.c         -> /sbin/init
#   user/sh/*.c         -> /bin/sh (the shell, several files)
#   user/bin/NAME.c     -> /bin/NAME (the tools: ls, cat, ps ...)
#   user/demos/NAME.c   -> /bin/NAME (the demos of the seed claims)
#   user/tests/NAME.c   -> /test/NAME (test programs, run by /test/runtests)
#   user/bench/NAME.c   -> /bin/NAME
UBIN_SRCS  := $(wildcard user/bin/*.c user/demos/*.c user/bench/*.c)
UTEST_SRCS := $(wildcard user/tests/*.c)
USH_SRCS   := $(wildcard user/sh/*.c)
UTEST_SCRIPTS := $(wildcard user/tests/*.sh user/sh/tests/*.sh)
ROOTFS_BINS := $(ROOTFS)/sbin/init \
	$(patsubst %,$(ROOTFS)/test/%,$(notdir $(UTEST_SCRIPTS))) \
	$(patsubst %.c,$(ROOTFS)/bin/%,$(notdir $(UBIN_SRCS))) \
	$(patsubst %.c,$(ROOTFS)/test/%,$(notdir $(UTEST_SRCS))) \
	$(if $(USH_SRCS),$(ROOTFS)/bin/sh)

$(BUILD)/user/%.o: user/%.c $(LIBC_A)
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(UCFLAGS) -MMD -MP -c $< -o $@

# Programs are linked with their debug information into $(BUILD)/debug/
# (point GDB there: `add-symbol-file build/debug/bin/sh`), and copied
# into the root tree without it, which keeps the initramfs (and the boot)
# small.
DEBUG := $(BUILD)/debug
define install_stripped
	@mkdir -p $(dir $@)
	$(Q)$(OBJCOPY) --strip-debug $< $@
endef

$(DEBUG)/sbin/init: $(BUILD)/user/init.o $(CRT0) $(LIBC_A)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(ULINK)

$(DEBUG)/bin/sh: $(patsubst user/%.c,$(BUILD)/user/%.o,$(USH_SRCS)) $(CRT0) $(LIBC_A)
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(ULINK)

define user_program
$(DEBUG)/$(2)/$(basename $(notdir $(1))): $(BUILD)/$(1:.c=.o) $(CRT0) $(LIBC_A)
	@mkdir -p $$(dir $$@)
	$$(say) LINK $$@
	$$(Q)$$(ULINK)
endef

$(ROOTFS)/sbin/%: $(DEBUG)/sbin/%
	$(install_stripped)
$(ROOTFS)/bin/%: $(DEBUG)/bin/%
	$(install_stripped)
$(ROOTFS)/test/%: $(DEBUG)/test/%
	$(install_stripped)
$(foreach src,$(UBIN_SRCS),$(eval $(call user_program,$(src),bin)))
$(foreach src,$(UTEST_SRCS),$(eval $(call user_program,$(src),test)))

# Shell-script tests are copied as they are.
$(ROOTFS)/test/%.sh: user/tests/%.sh
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(ROOTFS)/test/%.sh: user/sh/tests/%.sh
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

-include $(wildcard $(BUILD)/user/*.d $(BUILD)/user/*/*.d)

# --- musl-built test programs ---
# tests/musl/NAME.c, built with the host's musl C library into /test/musl_NAME:
# programs from another libc than ours must run unmodified (the Linux ABI).
# user/tests/musl.c runs them. hello is also built as a static PIE
# (musl_hello_pie, ET_DYN, relocating itself). Skipped when musl-gcc is not
# installed (tools/setup-deps installs musl-tools).
MUSL_GCC := $(shell command -v musl-gcc 2>/dev/null)
ifneq ($(MUSL_GCC),)
MUSL_SRCS := $(wildcard tests/musl/*.c)
ROOTFS_BINS += $(patsubst tests/musl/%.c,$(ROOTFS)/test/musl_%,$(MUSL_SRCS)) \
	$(if $(wildcard tests/musl/hello.c),$(ROOTFS)/test/musl_hello_pie)

$(ROOTFS)/test/musl_%: tests/musl/%.c
	@mkdir -p $(dir $@)
	$(say) MUSLCC $<
	$(Q)$(MUSL_GCC) -static -O2 -Wall -Wextra -Werror -o $@ $<

# musl-gcc's specs always name a dynamic linker and the non-relocating
# Scrt1.o, so -static-pie alone gives a program that needs ld-musl. A real
# static PIE: musl's rcrt1.o (it applies its own relocations), no
# interpreter, the static libc.
MUSL_LIBDIR := $(shell sed -n 's|.*-specs "\([^"]*\)/musl-gcc.specs".*|\1|p' $(MUSL_GCC))
$(ROOTFS)/test/musl_hello_pie: tests/musl/hello.c
	@mkdir -p $(dir $@)
	$(say) MUSLCC $@
	$(Q)$(MUSL_GCC) -static-pie -fPIE -O2 -Wall -Wextra -Werror -nostartfiles \
		-Wl,-static -Wl,--no-dynamic-linker -o $@ \
		$(MUSL_LIBDIR)/rcrt1.o $(MUSL_LIBDIR)/crti.o \
		$$($(MUSL_GCC) -print-file-name=crtbeginS.o) $< \
		$$($(MUSL_GCC) -print-file-name=crtendS.o) $(MUSL_LIBDIR)/crtn.o
endif
# --- end of musl-built test programs ---

# --- Host tools --------------------------------------------------------------
$(BUILD)/tools/mkcpio: tools/mkcpio.c
	@mkdir -p $(dir $@)
	$(say) HOSTCC $<
	$(Q)$(HOSTCC) -O2 -Wall -Wextra -Werror -o $@ $<

# --- Root file system (initramfs) -------------------------------------------
INITRAMFS := $(BUILD)/initramfs.cpio

# The tree is packed as it is on disk, so first drop any program whose
# source is gone (a renamed test would otherwise keep running).
$(INITRAMFS): $(BUILD)/tools/mkcpio $(ROOTFS_BINS) FORCE
	$(Q)printf '%s\n' $(ROOTFS_BINS) | sort > $@.want
	$(Q)find $(ROOTFS) -type f | sort | comm -23 - $@.want | xargs -r rm -f
	$(Q)rm -f $@.want
	$(Q)$(BUILD)/tools/mkcpio $@.tmp $(ROOTFS) $(ROOTFS_EXTRA)
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

# --- ISO ---------------------------------------------------------------------
ISO := $(BUILD)/weft.iso
KOPTS ?=

$(ISO): $(KERNEL) $(KSYMS) $(INITRAMFS) boot/grub.cfg.in tools/mkiso FORCE
	$(say) ISO $@
	$(Q)tools/mkiso $@ $(KERNEL) $(KSYMS) $(INITRAMFS) "$(KOPTS)"

# --- Running -----------------------------------------------------------------
# Every QEMU run uses these flags: q35 (faster to boot than the default
# machine), every CPU feature TCG has, no reboot on a triple fault, and the
# debug-exit port through which the kernel ends QEMU (drivers/qemu.c).
QEMU := qemu-system-x86_64
QEMU_FLAGS := -machine q35 -cpu max,la57=off -m $(MEM) -smp $(CPUS) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMU_HEADLESS := -display none -serial mon:stdio
GDBPORT := $(shell expr `id -u` % 5000 + 25000)

.PHONY: all iso qemu qemu-gui qemu-gdb gdb run test unit bench clean format help FORCE
FORCE:

all: $(KERNEL) $(KSYMS) $(INITRAMFS)

iso: $(ISO)

qemu: $(ISO)
	@echo "weft under QEMU: Ctrl-A X quits, Ctrl-A C toggles the QEMU monitor."
	$(QEMU) $(QEMU_FLAGS) $(QEMU_HEADLESS) -cdrom $(ISO)

qemu-gui: $(ISO)
	$(QEMU) $(QEMU_FLAGS) -serial mon:stdio -cdrom $(ISO)

qemu-gdb: $(ISO)
	@echo "QEMU waits for GDB on port $(GDBPORT): run 'make gdb' in another terminal."
	$(QEMU) $(QEMU_FLAGS) $(QEMU_HEADLESS) -cdrom $(ISO) -S -gdb tcp::$(GDBPORT)

# make run CMD='ls -l /bin': boot, run the command, exit with its status.
RUN_ISO := $(BUILD)/run.iso
run: $(KERNEL) $(KSYMS) $(INITRAMFS)
	@test -n "$$CMD" || { echo "usage: make run CMD='command [args]' [ROOTFS_EXTRA=dir]"; exit 2; }
	$(Q)tools/mkiso $(RUN_ISO) $(KERNEL) $(KSYMS) $(INITRAMFS) "quiet $(KOPTS)" "$$CMD"
	$(Q)QEMU_FLAGS="$(QEMU_FLAGS)" tools/run $(RUN_ISO)

# make bench: boot weft into the benchmark (user/bench/bench.c) and print
# its table; then once more with fork=copy, to compare fork of a process
# with 16 MiB touched without copy-on-write.
bench: $(KERNEL) $(KSYMS) $(INITRAMFS)
	$(Q)tools/mkiso $(BUILD)/bench.iso $(KERNEL) $(KSYMS) $(INITRAMFS) "quiet" "/bin/bench"
	$(Q)QEMU_FLAGS="$(QEMU_FLAGS)" tools/run $(BUILD)/bench.iso
	$(Q)tools/mkiso $(BUILD)/bench.iso $(KERNEL) $(KSYMS) $(INITRAMFS) "quiet fork=copy" \
		"/bin/bench fork_16m_touched"
	$(Q)QEMU_FLAGS="$(QEMU_FLAGS)" tools/run $(BUILD)/bench.iso | grep -v NAME | \
		sed 's/fork_16m_touched /fork_16m_eager_copy/'

gdb: $(KERNEL)
	gdb -nx -q -x tools/gdbinit -ex 'target remote localhost:$(GDBPORT)' $(KERNEL)

# --- Tests -------------------------------------------------------------------
test: all
	@QEMU_FLAGS="$(QEMU_FLAGS)" BUILD=$(BUILD) tests/run-tests $(if $(T),--only '$(T)')

unit:
	@$(MAKE) -s -f tests/unit/Makefile BUILD=$(BUILD)
	@$(MAKE) -s -f tests/unit/libc/Makefile BUILD=$(BUILD)

clean:
	rm -rf $(BUILD)

# --- Editor support ----------------------------------------------------------
compile_commands.json: FORCE
	@{ tools/compile-commands "$(CC) $(KCFLAGS)" $(filter %.c,$(KSRCS)); \
	   tools/compile-commands "$(CC) $(LIBC_CFLAGS)" $(filter %.c,$(LIBC_SRCS)); \
	   tools/compile-commands "$(CC) $(UCFLAGS)" $(UBIN_SRCS) $(UTEST_SRCS) $(USH_SRCS) user/init.c; \
	 } | tools/compile-commands --merge > $@
	@echo "wrote $@"

# Format what you changed (since the last commit), in .clang-format's
# style; the rest of the tree keeps its hand-aligned comments.
format:
	@command -v git-clang-format >/dev/null || { echo "format: needs git-clang-format (package clang-format)"; exit 1; }
	git clang-format --style=file HEAD -- '*.c' '*.h'

help:
	@echo "make            build the kernel and the root file system"
	@echo "make qemu       boot weft in QEMU, console in this terminal"
	@echo "make qemu-gui   boot with a VGA window (keyboard input there too)"
	@echo "make qemu-gdb   boot and wait for GDB; then 'make gdb' in another terminal"
	@echo "make run CMD=.. boot, run one command through the shell, exit with its status"
	@echo "make test       run every test; T=name runs the matching ones"
	@echo "make bench      boot into the benchmark and print its table"
	@echo "make format     clang-format the lines you changed since the last commit"
	@echo "make clean      remove build/"
	@echo "variables: MEM=$(MEM) CPUS=$(CPUS) CMD='...' ROOTFS_EXTRA=DIR"

-include $(KOBJS:.o=.d)
