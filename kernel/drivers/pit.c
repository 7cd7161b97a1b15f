/*
 * pit.c: the 8253/8254 programmable interval timer.
 *
 * Its oscillator runs at 1.193182 MHz on every PC. Channel 0 raises IRQ 0
 * every 'divisor' oscillations: that is the kernel's tick. Channel 2 can be
 * gated from port 0x61 and polled, which is how we measure the TSC's rate:
 * count TSC ticks while channel 2 counts down a known 10 ms.
 */
#include "clock.h"
#include "x86.h"

#define PIT_HZ      1193182u
#define PIT_CH0     0x40
#define PIT_CH2     0x42
#define PIT_CMD     0x43
#define PORT_B      0x61    /* bit 0: channel 2 gate, bit 5: channel 2 output */

void pit_start_periodic(unsigned hz)
{
    uint16_t divisor = (uint16_t)(PIT_HZ / hz);
    outb(PIT_CMD, 0x34);                /* channel 0, lobyte/hibyte, mode 2 (rate) */
    outb(PIT_CH0, (uint8_t)divisor);
    outb(PIT_CH0, (uint8_t)(divisor >> 8));
}

uint64_t pit_measure_tsc_khz(void)
{
    const unsigned ms = 10;
    uint16_t count = (uint16_t)(PIT_HZ * ms / 1000);

    outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);  /* gate on, speaker off */
    outb(PIT_CMD, 0xb0);                /* channel 2, lobyte/hibyte, mode 0 (one-shot) */
    outb(PIT_CH2, (uint8_t)count);
    outb(PIT_CH2, (uint8_t)(count >> 8));

    uint64_t start = rdtsc();
    while ((inb(PORT_B) & 0x20) == 0)   /* output goes high at terminal count */
        pause();
    uint64_t end = rdtsc();
    return (end - start) / ms;
}
