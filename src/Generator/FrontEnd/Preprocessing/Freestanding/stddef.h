/* KvmSharp's <stddef.h> (C17 7.19), built into the front-end as a compiler ships its own: uAPI headers that reach
 * the C library read with no gcc or clang installed. Written with the target's predefined type macros.
 * glibc asks for one type at a time (#define __need_size_t, then #include <stddef.h>): such a request defines
 * that name only and is cleared; an include without a request defines everything. */
#if !defined(__need_size_t) && !defined(__need_ptrdiff_t) && !defined(__need_wchar_t) && !defined(__need_wint_t) \
    && !defined(__need_NULL) && !defined(__need_max_align_t) && !defined(__need_offsetof)
#define __KVMSHARP_STDDEF_EVERYTHING
#endif

#if defined(__KVMSHARP_STDDEF_EVERYTHING) || defined(__need_size_t)
#ifndef _SIZE_T
#define _SIZE_T
typedef __SIZE_TYPE__ size_t;
#endif
#undef __need_size_t
#endif

#if defined(__KVMSHARP_STDDEF_EVERYTHING) || defined(__need_ptrdiff_t)
#ifndef _PTRDIFF_T
#define _PTRDIFF_T
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#endif
#undef __need_ptrdiff_t
#endif

#if defined(__KVMSHARP_STDDEF_EVERYTHING) || defined(__need_wchar_t)
#ifndef _WCHAR_T
#define _WCHAR_T
typedef __WCHAR_TYPE__ wchar_t;
#endif
#undef __need_wchar_t
#endif

/* wint_t is <wchar.h>'s, but glibc takes it from here with __need_wint_t, as from gcc's and clang's stddef.h. */
#if defined(__need_wint_t)
#ifndef _WINT_T
#define _WINT_T
typedef __WINT_TYPE__ wint_t;
#endif
#undef __need_wint_t
#endif

#if defined(__KVMSHARP_STDDEF_EVERYTHING) || defined(__need_NULL)
#undef NULL
#define NULL ((void*)0)
#undef __need_NULL
#endif

#if defined(__KVMSHARP_STDDEF_EVERYTHING) || defined(__need_offsetof)
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
#undef __need_offsetof
#endif

/* C11's max_align_t: as strictly aligned as the most aligned scalar types, long long and long double. */
#if defined(__KVMSHARP_STDDEF_EVERYTHING) || defined(__need_max_align_t)
#ifndef __KVMSHARP_MAX_ALIGN_T
#define __KVMSHARP_MAX_ALIGN_T
typedef struct {
	long long __kvmsharp_align_long_long __attribute__((__aligned__(__alignof__(long long))));
	long double __kvmsharp_align_long_double __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#endif
#undef __need_max_align_t
#endif

#undef __KVMSHARP_STDDEF_EVERYTHING
