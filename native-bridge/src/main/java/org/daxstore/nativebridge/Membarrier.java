package org.daxstore.nativebridge;

/**
 * Linux {@code membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED)}: one call makes every running thread
 * of this process execute a full memory barrier (the kernel interrupts the CPUs that run them;
 * a thread that is not running passes through one when it is scheduled again), and returns when
 * all have. It lets a rare operation pay for the StoreLoad fence that a frequent one then
 * leaves out: the asymmetric Dekker pattern of userspace RCU, used by daxstore's access
 * sections ({@code org.daxstore.sync.AccessSections}).
 *
 * <p>The process registers its intent once, here, when the class loads (Linux 4.14+). Where
 * the kernel lacks the command, a seccomp filter forbids the system call, the native bridge is
 * unavailable or {@code -Ddaxstore.membarrier.disable=true} is set, {@link #isAvailable()} is
 * false and {@link #unavailableReason()} says why; callers then keep their own fences.
 */
public final class Membarrier {
    /** Set this system property to {@code true} to run as where membarrier is unavailable. */
    public static final String DISABLE_PROPERTY = "daxstore.membarrier.disable";

    private static final int CMD_QUERY = 0;
    private static final int CMD_PRIVATE_EXPEDITED = 1 << 3;
    private static final int CMD_REGISTER_PRIVATE_EXPEDITED = 1 << 4;

    private static final String UNAVAILABLE_REASON = register();

    private Membarrier() {
    }

    private static String register() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return "disabled by -D" + DISABLE_PROPERTY + "=true";
        }
        if (!LibC.isAvailable()) {
            return "the native bridge is unavailable: " + LibC.unavailableReason();
        }
        try {
            int supported = LibC.membarrier(CMD_QUERY, "QUERY");
            if ((supported & CMD_PRIVATE_EXPEDITED) == 0) {
                return "the kernel does not offer MEMBARRIER_CMD_PRIVATE_EXPEDITED (supported commands: 0x"
                        + Integer.toHexString(supported) + ")";
            }
            LibC.membarrier(CMD_REGISTER_PRIVATE_EXPEDITED, "REGISTER_PRIVATE_EXPEDITED");
            return null;
        } catch (NativeCallException e) {
            return e.getMessage();
        }
    }

    /** True if {@link #barrier()} works in this process. */
    public static boolean isAvailable() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why membarrier is unavailable, or null when it is available. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    /**
     * Returns once every thread of the process has executed a full memory barrier since the
     * call began. Costs a system call and an interrupt of each CPU running a thread of the
     * process: microseconds.
     *
     * @throws NativeUnavailableException if {@link #isAvailable()} is false
     * @throws NativeCallException        if the kernel refuses (it has accepted the registration, so
     *                                    this is not expected)
     */
    public static void barrier() {
        if (UNAVAILABLE_REASON != null) {
            throw new NativeUnavailableException("membarrier: " + UNAVAILABLE_REASON);
        }
        LibC.membarrier(CMD_PRIVATE_EXPEDITED, "PRIVATE_EXPEDITED");
    }
}
