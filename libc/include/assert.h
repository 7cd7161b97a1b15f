/* assert.h: assert(expr) aborts with a message when expr is false, unless
 * NDEBUG is defined. (No include guard: C wants NDEBUG re-read each time.) */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
_Noreturn void __assert_fail(const char *expr, const char *file, int line,
                             const char *func);
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif
#ifndef static_assert
#define static_assert _Static_assert
#endif
