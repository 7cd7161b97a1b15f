/* float.h: from the compiler's predefined macros (IEEE 754 binary64). */
#ifndef _FLOAT_H
#define _FLOAT_H
#define FLT_RADIX       __FLT_RADIX__
#define FLT_MANT_DIG    __FLT_MANT_DIG__
#define DBL_MANT_DIG    __DBL_MANT_DIG__
#define FLT_DIG         __FLT_DIG__
#define DBL_DIG         __DBL_DIG__
#define FLT_EPSILON     __FLT_EPSILON__
#define DBL_EPSILON     __DBL_EPSILON__
#define FLT_MIN         __FLT_MIN__
#define DBL_MIN         __DBL_MIN__
#define FLT_MAX         __FLT_MAX__
#define DBL_MAX         __DBL_MAX__
#define DBL_MIN_EXP     __DBL_MIN_EXP__
#define DBL_MAX_EXP     __DBL_MAX_EXP__
#define DBL_MIN_10_EXP  __DBL_MIN_10_EXP__
#define DBL_MAX_10_EXP  __DBL_MAX_10_EXP__
#define DECIMAL_DIG     __DECIMAL_DIG__
#define FLT_EVAL_METHOD __FLT_EVAL_METHOD__
#endif
