/*
 * vga.c: the 80x25 VGA text screen.
 *
 * The screen is a 4000-byte array at physical 0xb8000: one 16-bit cell per
 * character, the low byte the character, the high byte its colours. We keep
 * our own cursor position and move the blinking hardware cursor to match
 * through the CRT controller's ports.
 */
#include "drivers.h"
#include "memlayout.h"
#include "x86.h"

#define COLS    80
#define ROWS    25
#define ATTR    0x0700      /* light grey on black */

bool vga_present;
static volatile uint16_t *screen;
static int row, col;

static void move_cursor(void)
{
    uint16_t pos = (uint16_t)(row * COLS + col);
    outb(0x3d4, 14);                /* CRTC register 14: cursor position high */
    outb(0x3d5, (uint8_t)(pos >> 8));
    outb(0x3d4, 15);                /* register 15: cursor position low */
    outb(0x3d5, (uint8_t)pos);
}

void vga_init(void)
{
    screen = phys_to_virt(0xb8000);
    for (int i = 0; i < COLS * ROWS; i++)
        screen[i] = ATTR | ' ';
    row = col = 0;
    move_cursor();
    vga_present = true;
}

static void scroll(void)
{
    for (int i = 0; i < COLS * (ROWS - 1); i++)
        screen[i] = screen[i + COLS];
    for (int i = COLS * (ROWS - 1); i < COLS * ROWS; i++)
        screen[i] = ATTR | ' ';
    row = ROWS - 1;
}

void vga_putc(char c)
{
    if (!vga_present)
        return;
    switch (c) {
    case '\n':
        col = 0;
        row++;
        break;
    case '\r':
        col = 0;
        break;
    case '\b':
        if (col > 0)
            col--;
        break;
    case '\t':
        col = (col + 8) & ~7;
        break;
    default:
        screen[row * COLS + col] = ATTR | (uint8_t)c;
        col++;
    }
    if (col >= COLS) {
        col = 0;
        row++;
    }
    if (row >= ROWS)
        scroll();
    move_cursor();
}
