/*
 * keyboard.c: the PS/2 keyboard (IRQ 1), for the VGA window (make qemu-gui).
 *
 * The 8042 controller hands us one scancode byte per interrupt from port
 * 0x60, in "set 1": a key's make code when pressed, the same code with bit 7
 * set when released. We track Shift and Ctrl and turn the rest into ASCII,
 * which goes to the same place serial input goes: console_input().
 */
#include "drivers.h"
#include "interrupt.h"
#include "x86.h"

#define KBD_DATA    0x60
#define KBD_STATUS  0x64

#define SC_LSHIFT   0x2a
#define SC_RSHIFT   0x36
#define SC_CTRL     0x1d
#define SC_RELEASE  0x80

/* Set-1 make codes 0x00-0x39, unshifted and shifted (US layout). */
static const char normal[0x3a] = {
    0,   27,  '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b', '\t',
    'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n', 0,  'a', 's',
    'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0,  '\\', 'z', 'x', 'c', 'v',
    'b', 'n', 'm', ',', '.', '/', 0,   '*', 0,   ' ',
};
static const char shifted[0x3a] = {
    0,   27,  '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b', '\t',
    'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n', 0,  'A', 'S',
    'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0,  '|', 'Z', 'X', 'C', 'V',
    'B', 'N', 'M', '<', '>', '?', 0,   '*', 0,   ' ',
};

static int shift, ctrl;

static void keyboard_irq(void)
{
    while (inb(KBD_STATUS) & 1) {           /* output buffer full */
        uint8_t sc = inb(KBD_DATA);
        int released = sc & SC_RELEASE;
        uint8_t code = sc & ~SC_RELEASE;

        if (code == SC_LSHIFT || code == SC_RSHIFT) {
            shift = !released;
            continue;
        }
        if (code == SC_CTRL) {
            ctrl = !released;
            continue;
        }
        if (released || code >= sizeof normal)
            continue;
        char c = shift ? shifted[code] : normal[code];
        if (c == 0)
            continue;
        if (ctrl && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 1);        /* Ctrl-C is 3, Ctrl-D is 4 ... */
        else if (c == '\b')
            c = 0x7f;                       /* Backspace sends DEL, as on a terminal */
        console_input(c);
    }
}

void keyboard_init(void)
{
    while (inb(KBD_STATUS) & 1)             /* drop whatever the BIOS left */
        inb(KBD_DATA);
    irq_register(IRQ_KBD, keyboard_irq);
}
