/* KvmSharp's <limits.h> (C17 5.2.4.2.1), built into the front-end, written with the target's predefined macros.
 * It is searched after the include folders: where glibc's limits.h exists, it is read first and, as with gcc,
 * includes this one with #include_next unless _GCC_LIMITS_H_ is defined (which this header defines, so glibc's
 * read after it does not come back). */
#ifndef __KVMSHARP_LIMITS_H
#define __KVMSHARP_LIMITS_H
#define _GCC_LIMITS_H_

#undef CHAR_BIT
#define CHAR_BIT __CHAR_BIT__

#undef SCHAR_MAX
#undef SCHAR_MIN
#undef UCHAR_MAX
#define SCHAR_MAX __SCHAR_MAX__
#define SCHAR_MIN (-__SCHAR_MAX__ - 1)
#define UCHAR_MAX (__SCHAR_MAX__ * 2 + 1)

#undef CHAR_MIN
#undef CHAR_MAX
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN 0
#define CHAR_MAX UCHAR_MAX
#else
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX __SCHAR_MAX__
#endif

#undef SHRT_MAX
#undef SHRT_MIN
#undef USHRT_MAX
#define SHRT_MAX __SHRT_MAX__
#define SHRT_MIN (-__SHRT_MAX__ - 1)
#define USHRT_MAX (__SHRT_MAX__ * 2 + 1)

#undef INT_MAX
#undef INT_MIN
#undef UINT_MAX
#define INT_MAX __INT_MAX__
#define INT_MIN (-__INT_MAX__ - 1)
#define UINT_MAX (__INT_MAX__ * 2U + 1U)

#undef LONG_MAX
#undef LONG_MIN
#undef ULONG_MAX
#define LONG_MAX __LONG_MAX__
#define LONG_MIN (-__LONG_MAX__ - 1L)
#define ULONG_MAX (__LONG_MAX__ * 2UL + 1UL)

#undef LLONG_MAX
#undef LLONG_MIN
#undef ULLONG_MAX
#define LLONG_MAX __LONG_LONG_MAX__
#define LLONG_MIN (-__LONG_LONG_MAX__ - 1LL)
#define ULLONG_MAX (__LONG_LONG_MAX__ * 2ULL + 1ULL)

/* The C library's value (glibc's 16, defined before this is read) wins; 1 is the C locale's. */
#ifndef MB_LEN_MAX
#define MB_LEN_MAX 1
#endif

#endif
