/*
 * rtc.c: read the date from the CMOS real-time clock, once at boot, so that
 * CLOCK_REALTIME starts at the right time. QEMU sets it to the host's time
 * (UTC by default).
 */
#include "clock.h"
#include "x86.h"

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static unsigned bcd(uint8_t v, int is_bcd)
{
    return is_bcd ? (v & 0x0f) + (v >> 4) * 10 : v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
 * days_from_civil algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

uint64_t rtc_read_epoch(void)
{
    while (cmos(0x0a) & 0x80)           /* wait while an update is in progress */
        pause();
    int is_bcd = !(cmos(0x0b) & 0x04);
    unsigned sec = bcd(cmos(0x00), is_bcd);
    unsigned min = bcd(cmos(0x02), is_bcd);
    unsigned hour = bcd(cmos(0x04) & 0x7f, is_bcd);
    unsigned day = bcd(cmos(0x07), is_bcd);
    unsigned mon = bcd(cmos(0x08), is_bcd);
    unsigned year = bcd(cmos(0x09), is_bcd) + 2000;
    return (uint64_t)(days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec);
}
