package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** {@link Membarrier}: works where the kernel offers it, and says why where it does not. */
class MembarrierTest {
    @Test
    void barrierReturnsOnceRegistered() {
        assumeTrue(Membarrier.isAvailable(), "membarrier is unavailable here: " + Membarrier.unavailableReason());
        for (int i = 0; i < 100; i++) {
            Membarrier.barrier();
        }
    }

    /**
     * The kernels this project runs on (Linux 4.14+) all offer the command, so where the native
     * bridge works, membarrier must too, unless switched off: a silent fallback would run every
     * test in the symmetric mode and leave the asymmetric one untested.
     */
    @Test
    void availableWhereverTheNativeBridgeIs() {
        assumeTrue(LibC.isAvailable(), "the native bridge is unavailable: " + LibC.unavailableReason());
        assumeFalse(Boolean.getBoolean(Membarrier.DISABLE_PROPERTY), "membarrier is switched off by the property");
        assertTrue(Membarrier.isAvailable(), Membarrier.unavailableReason());
    }

    @Test
    void unavailableBarrierIsRefusedWithTheReason() {
        assumeFalse(Membarrier.isAvailable(), "membarrier is available; run with -D" + Membarrier.DISABLE_PROPERTY
                + "=true (CI's run without libpmem does) to test its absence");
        String reason = Membarrier.unavailableReason();
        assertTrue(reason != null && !reason.isEmpty());
        assertEquals("membarrier: " + reason, assertThrows(NativeUnavailableException.class, Membarrier::barrier)
                .getMessage());
    }
}
