namespace KvmSharp.Tests.Emission.Constants;

/// <summary>
/// Small headers written for these tests, each imitating one pattern of the KVM header (never its text):
/// families of consecutive defines, flags, a flag's indented sub-flags, constants of every C integer type,
/// ioctls built with a private <c>_IOC</c> macro set, and C enums.
/// </summary>
internal static class SmallHeaders
{
    public const string Families = """
        struct wid_state { int current; };

        /* Capabilities of a widget. */
        #define WID_CAP_ALPHA 0
        #define WID_CAP_BETA 1
        #define WID_CAP_GAMMA_2 2 /* second-generation gamma */
        #define WID_CAP_DELTA 7

        #define WID_MODE_OFF 0
        #define WID_MODE_ON 1
        #define WID_MODE_AUTO 2
        #define WID_MODE_LAST 2
        #define WID_MEM_DIRTY (1UL << 0)
        #define WID_MEM_RO (1UL << 1)
        #define WID_MEM_EXEC (1UL << 2)

        /* Lock flags; each has its own sub-flags. */
        #define WID_LOCK_FLAGS_LOCK (1 << 0)
        #define   WID_LOCK_MEM_READ (1 << 0)
        #define   WID_LOCK_MEM_WRITE (1 << 1)
        #define WID_LOCK_FLAGS_UNLOCK (1 << 1)
        #define   WID_UNLOCK_MEM_ALL (1 << 0)

        #define WID_GROUP 1
        #define  WID_GROUP_ADD 1
        #define  WID_GROUP_DEL 2
        #define  WID_GROUP_SET_TABLE 3

        #define WID_VERSION_V_1 1
        #define WID_VERSION_V_2 2
        #define WID_VERSION_V_3 3

        #define WID_REG_LOW 0x10ULL
        #define WID_REG_HIGH 0x8000000000000000ULL
        #define WID_REG_MID 0x20ULL

        #define WID_STATE_IDLE 0
        #define WID_STATE_BUSY 1
        #define WID_STATE_DONE 2

        #define WID_ERR_AGAIN (-11)
        #define WID_ERR_BUSY (-16)
        #define WID_ERR_IO (-5)

        #define _WID_PRIVATE_A 1
        #define _WID_PRIVATE_B 2
        #define WID_ALONE 5

        """;

    public const string Types = """
        #define T_INT_NEG (-42)
        #define T_INT_MIN (-2147483647 - 1)
        #define T_INT_HEX 0x7fffffff
        #define T_UINT 4294967295U
        #define T_UINT_SMALL 3U
        #define T_LONG_NEG (-1L)
        #define T_LONG_MIN (-9223372036854775807L - 1)
        #define T_ULONG 0xffffffffffffffffUL
        #define T_LLONG_NEG (-5LL)
        #define T_ULLONG 18446744073709551615ULL
        #define T_CHAR ((char)-3)
        #define T_SCHAR ((signed char)-128)
        #define T_UCHAR ((unsigned char)255)
        #define T_SHORT ((short)-32768)
        #define T_USHORT ((unsigned short)65535)
        #define T_BOOL ((_Bool)1)
        #define T_BOOL_FALSE ((_Bool)0)
        #define T_INT128 ((__int128)1 << 100)

        """;

    public const string Ioctls = """
        #define _IOC_NONE 0U
        #define _IOC_WRITE 1U
        #define _IOC_READ 2U
        #define _IOC(d, t, n, s) (((d) << 30) | ((s) << 16) | ((t) << 8) | (n))
        #define _IOC_DIR(r) (((r) >> 30) & 3U)
        #define _IOC_SIZE(r) (((r) >> 16) & 0x3fffU)
        #define _IOC_TYPE(r) (((r) >> 8) & 0xffU)
        #define _IOC_NR(r) ((r) & 0xffU)
        #define _IO(t, n) _IOC(_IOC_NONE, (t), (n), 0)
        #define _IOR(t, n, a) _IOC(_IOC_READ, (t), (n), sizeof(a))
        #define _IOW(t, n, a) _IOC(_IOC_WRITE, (t), (n), sizeof(a))
        #define _IOWR(t, n, a) _IOC(_IOC_READ | _IOC_WRITE, (t), (n), sizeof(a))
        #define WIDIO 0xC5
        struct wid_region { unsigned long long start; unsigned int length; };

        /* ioctls for /dev/kvm fds */
        #define KVM_WID_VERSION _IO(WIDIO, 0x00)
        #define __KVM_WID_OLD_VERSION _IO(WIDIO, 0x00)

        /* ioctls for VM fds */
        #define KVM_SET_WID_REGION _IOW(WIDIO, 0x10, struct wid_region)
        /* Available with KVM_CAP_WID_READ */
        #define KVM_GET_WID_REGION _IOR(WIDIO, 0x11, struct wid_region)

        /* ioctls for vcpu fds */
        #define KVM_WID_RUN _IO(WIDIO, 0x80)
        #define KVM_WID_SWAP _IOWR(WIDIO, 0x81, unsigned int)

        """;

    public const string Enums = """
        enum wid_color { WID_COLOR_RED, WID_COLOR_GREEN = 5, WID_COLOR_BLUE };
        typedef enum { WID_SHAPE_ROUND = 1, WID_SHAPE_SQUARE = 2, WID_SHAPE_STAR = 4 } wid_shape_t;
        enum { wid_nr_first, wid_nr_second, wid_nr_third };
        enum { WID_LONE_ENUMERATOR = 3 };
        enum wid_signed { WID_SIGNED_NEG = -1, WID_SIGNED_POS = 1 };
        enum wid_wide { WID_WIDE_BIG = 0x100000000ULL };

        """;
}
