package dev.weft.io.uring;

import java.util.StringJoiner;

/**
 * io_uring's numeric ABI: setup flags, feature bits, enter flags, SQ ring flags, SQE flags,
 * mmap offsets and opcodes, mirroring liburing's {@code src/include/liburing/io_uring.h}:
 * https://github.com/axboe/liburing/blob/master/src/include/liburing/io_uring.h
 * No io_uring number appears outside this class and the layout classes.
 */
public final class IoUringConstants {

    // ---- io_uring_setup() flags (io_uring_params.flags) ----
    public static final int IORING_SETUP_IOPOLL = 1 << 0;
    public static final int IORING_SETUP_SQPOLL = 1 << 1;
    public static final int IORING_SETUP_SQ_AFF = 1 << 2;
    /** Use {@code io_uring_params.cq_entries} as the CQ size (5.5). */
    public static final int IORING_SETUP_CQSIZE = 1 << 3;
    public static final int IORING_SETUP_CLAMP = 1 << 4;
    public static final int IORING_SETUP_ATTACH_WQ = 1 << 5;
    public static final int IORING_SETUP_R_DISABLED = 1 << 6;
    public static final int IORING_SETUP_SUBMIT_ALL = 1 << 7;
    /** No IPI to interrupt the task for task_work; it runs at the next kernel transition (5.19). */
    public static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    public static final int IORING_SETUP_TASKRUN_FLAG = 1 << 9;
    public static final int IORING_SETUP_SQE128 = 1 << 10;
    public static final int IORING_SETUP_CQE32 = 1 << 11;
    /** Only the creating thread submits; others get EEXIST (6.0). */
    public static final int IORING_SETUP_SINGLE_ISSUER = 1 << 12;
    /** task_work runs only in io_uring_enter(GETEVENTS); needs SINGLE_ISSUER (6.1). */
    public static final int IORING_SETUP_DEFER_TASKRUN = 1 << 13;
    public static final int IORING_SETUP_NO_MMAP = 1 << 14;
    public static final int IORING_SETUP_REGISTERED_FD_ONLY = 1 << 15;
    public static final int IORING_SETUP_NO_SQARRAY = 1 << 16;

    // ---- io_uring_params.features ----
    public static final int IORING_FEAT_SINGLE_MMAP = 1 << 0;
    public static final int IORING_FEAT_NODROP = 1 << 1;
    public static final int IORING_FEAT_SUBMIT_STABLE = 1 << 2;
    public static final int IORING_FEAT_RW_CUR_POS = 1 << 3;
    public static final int IORING_FEAT_CUR_PERSONALITY = 1 << 4;
    public static final int IORING_FEAT_FAST_POLL = 1 << 5;
    public static final int IORING_FEAT_POLL_32BITS = 1 << 6;
    public static final int IORING_FEAT_SQPOLL_NONFIXED = 1 << 7;
    public static final int IORING_FEAT_EXT_ARG = 1 << 8;
    public static final int IORING_FEAT_NATIVE_WORKERS = 1 << 9;
    public static final int IORING_FEAT_RSRC_TAGS = 1 << 10;
    public static final int IORING_FEAT_CQE_SKIP = 1 << 11;
    public static final int IORING_FEAT_LINKED_FILE = 1 << 12;
    public static final int IORING_FEAT_REG_REG_RING = 1 << 13;
    public static final int IORING_FEAT_RECVSEND_BUNDLE = 1 << 14;
    public static final int IORING_FEAT_MIN_TIMEOUT = 1 << 15;
    public static final int IORING_FEAT_RW_ATTR = 1 << 16;
    public static final int IORING_FEAT_NO_IOWAIT = 1 << 17;

    // ---- io_uring_enter() flags ----
    public static final int IORING_ENTER_GETEVENTS = 1 << 0;
    public static final int IORING_ENTER_SQ_WAKEUP = 1 << 1;
    public static final int IORING_ENTER_SQ_WAIT = 1 << 2;
    public static final int IORING_ENTER_EXT_ARG = 1 << 3;
    public static final int IORING_ENTER_REGISTERED_RING = 1 << 4;

    // ---- SQ ring flags word (sq_off.flags) ----
    public static final int IORING_SQ_NEED_WAKEUP = 1 << 0;
    public static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    public static final int IORING_SQ_TASKRUN = 1 << 2;

    // ---- SQE flags (sqe.flags) ----
    public static final byte IOSQE_FIXED_FILE = 1 << 0;
    public static final byte IOSQE_IO_DRAIN = 1 << 1;
    public static final byte IOSQE_IO_LINK = 1 << 2;
    public static final byte IOSQE_IO_HARDLINK = 1 << 3;
    public static final byte IOSQE_ASYNC = 1 << 4;
    public static final byte IOSQE_BUFFER_SELECT = 1 << 5;
    public static final byte IOSQE_CQE_SKIP_SUCCESS = 1 << 6;

    // ---- CQE flags ----
    public static final int IORING_CQE_F_BUFFER = 1 << 0;
    public static final int IORING_CQE_F_MORE = 1 << 1;
    public static final int IORING_CQE_F_SOCK_NONEMPTY = 1 << 2;
    public static final int IORING_CQE_F_NOTIF = 1 << 3;

    // ---- mmap offsets ----
    public static final long IORING_OFF_SQ_RING = 0L;
    public static final long IORING_OFF_CQ_RING = 0x8000000L;
    public static final long IORING_OFF_SQES = 0x10000000L;

    // ---- opcodes (enum io_uring_op) ----
    public static final byte IORING_OP_NOP = 0;
    public static final byte IORING_OP_READV = 1;
    public static final byte IORING_OP_WRITEV = 2;
    public static final byte IORING_OP_POLL_ADD = 6;
    public static final byte IORING_OP_POLL_REMOVE = 7;
    public static final byte IORING_OP_SENDMSG = 9;
    public static final byte IORING_OP_RECVMSG = 10;
    public static final byte IORING_OP_TIMEOUT = 11;
    public static final byte IORING_OP_TIMEOUT_REMOVE = 12;
    public static final byte IORING_OP_ACCEPT = 13;
    public static final byte IORING_OP_ASYNC_CANCEL = 14;
    public static final byte IORING_OP_LINK_TIMEOUT = 15;
    public static final byte IORING_OP_CONNECT = 16;
    public static final byte IORING_OP_CLOSE = 19;
    public static final byte IORING_OP_READ = 22;
    public static final byte IORING_OP_WRITE = 23;
    public static final byte IORING_OP_SEND = 26;
    public static final byte IORING_OP_RECV = 27;
    public static final byte IORING_OP_PROVIDE_BUFFERS = 31;
    public static final byte IORING_OP_SHUTDOWN = 34;
    public static final byte IORING_OP_MSG_RING = 40;
    public static final byte IORING_OP_SOCKET = 45;
    public static final byte IORING_OP_SEND_ZC = 47;
    public static final byte IORING_OP_SENDMSG_ZC = 48;

    // ---- sqe.ioprio for accept and recv ----
    /** {@code IORING_ACCEPT_MULTISHOT}: one ACCEPT SQE posts a CQE per connection (5.19). */
    public static final short IORING_ACCEPT_MULTISHOT = 1;
    /** {@code IORING_RECV_MULTISHOT}: one RECV SQE posts a CQE per receive (6.0). */
    public static final short IORING_RECV_MULTISHOT = 1 << 1;

    // ---- sqe.op_flags (cancel_flags) for ASYNC_CANCEL ----
    public static final int IORING_ASYNC_CANCEL_ALL = 1;
    /** With ALL: match every request on the ring, whatever its user data (5.19). */
    public static final int IORING_ASYNC_CANCEL_ANY = 1 << 2;

    /** {@code POLLOUT} for POLL_ADD's poll32_events. */
    public static final int POLLOUT = 0x004;

    // ---- io_uring_register() opcodes ----
    public static final int IORING_REGISTER_PROBE = 8;
    public static final int IORING_REGISTER_PBUF_RING = 22;
    public static final int IORING_UNREGISTER_PBUF_RING = 23;

    private static final String[] SETUP_FLAG_NAMES = {
        "IOPOLL", "SQPOLL", "SQ_AFF", "CQSIZE", "CLAMP", "ATTACH_WQ", "R_DISABLED",
        "SUBMIT_ALL", "COOP_TASKRUN", "TASKRUN_FLAG", "SQE128", "CQE32", "SINGLE_ISSUER",
        "DEFER_TASKRUN", "NO_MMAP", "REGISTERED_FD_ONLY", "NO_SQARRAY",
    };

    private static final String[] FEATURE_NAMES = {
        "SINGLE_MMAP", "NODROP", "SUBMIT_STABLE", "RW_CUR_POS", "CUR_PERSONALITY",
        "FAST_POLL", "POLL_32BITS", "SQPOLL_NONFIXED", "EXT_ARG", "NATIVE_WORKERS",
        "RSRC_TAGS", "CQE_SKIP", "LINKED_FILE", "REG_REG_RING", "RECVSEND_BUNDLE",
        "MIN_TIMEOUT", "RW_ATTR", "NO_IOWAIT",
    };

    private IoUringConstants() {}

    /** {@code "SINGLE_ISSUER|DEFER_TASKRUN"}; unknown bits as {@code bit17}; 0 as {@code "none"}. */
    public static String describeSetupFlags(int flags) {
        return describe(flags, SETUP_FLAG_NAMES);
    }

    /** {@code "SINGLE_MMAP|NODROP|..."}; bits newer than this table as {@code bit18}. */
    public static String describeFeatures(int features) {
        return describe(features, FEATURE_NAMES);
    }

    private static String describe(int bits, String[] names) {
        if (bits == 0) {
            return "none";
        }
        StringJoiner joined = new StringJoiner("|");
        for (int bit = 0; bit < Integer.SIZE; bit++) {
            if ((bits & (1 << bit)) != 0) {
                joined.add(bit < names.length ? names[bit] : "bit" + bit);
            }
        }
        return joined.toString();
    }
}
