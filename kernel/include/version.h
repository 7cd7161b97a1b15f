/* version.h: what the banner and uname() report. */
#ifndef WEFT_VERSION_H
#define WEFT_VERSION_H

#define WEFT_VERSION    "0.1"
#define WEFT_BUILD_DATE __DATE__ " " __TIME__

#endif
