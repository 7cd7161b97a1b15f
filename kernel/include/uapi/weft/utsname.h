/* weft/utsname.h: struct utsname as uname(2) fills it (65-byte fields). */
#ifndef WEFT_UAPI_UTSNAME_H
#define WEFT_UAPI_UTSNAME_H

#define UTSNAME_LENGTH 65

struct utsname {
    char sysname[UTSNAME_LENGTH];
    char nodename[UTSNAME_LENGTH];
    char release[UTSNAME_LENGTH];
    char version[UTSNAME_LENGTH];
    char machine[UTSNAME_LENGTH];
    char domainname[UTSNAME_LENGTH];
};

#endif
