package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Where libpmem is absent, {@link Pmem} says why and refuses every call with that reason. */
class PmemAbsentTest {
    /** Runs where this JVM has no libpmem, e.g. {@code mvn test -Ddaxstore.pmem.disable=true}. */
    @Test
    void everyCallIsRefusedWithTheReason() {
        assumeFalse(Pmem.isAvailable(), "libpmem is available in this JVM; PmemChildTest covers its absence");
        String reason = Pmem.unavailableReason();
        assertTrue(reason != null && !reason.isEmpty());
        Executable[] calls = {
            Pmem::version, () -> Pmem.mapFile(Path.of("/dev/null")), () -> Pmem.mapFile(Path.of("/x"), 1, 1, 0600),
            () -> Pmem.unmap(0, 0), () -> Pmem.isPmem(0, 0), () -> Pmem.persist(0, 0), () -> Pmem.flush(0, 0),
            Pmem::drain, () -> Pmem.msync(0, 0), () -> Pmem.memcpyPersist(0, 0, 0), () -> Pmem.memsetPersist(0, 0, 0),
        };
        for (Executable call : calls) {
            assertEquals(reason, assertThrows(NativeUnavailableException.class, call).getMessage());
        }
    }

    /** As {@code LoadingTest} does for libc: no JNA on the class path must read as "unavailable". */
    @Test
    void withoutJnaReportsUnavailableInsteadOfFailingToLoad() throws Exception {
        URL classes = Pmem.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutJna = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> pmem = withoutJna.loadClass(Pmem.class.getName());
            assertEquals(Boolean.FALSE, pmem.getMethod("isAvailable").invoke(null));
            String reason = (String) pmem.getMethod("unavailableReason").invoke(null);
            if (Boolean.getBoolean(Pmem.DISABLE_PROPERTY)) { // the property is looked at first
                assertEquals("disabled by -D" + Pmem.DISABLE_PROPERTY + "=true", reason);
            } else {
                assertTrue(reason.startsWith("the native bridge is unavailable: ") && reason.contains("com/sun/jna"),
                        reason);
            }

            Method persist = pmem.getMethod("persist", long.class, long.class);
            Throwable thrown = assertThrows(InvocationTargetException.class, () -> persist.invoke(null, 0L, 0L))
                    .getCause();
            assertEquals(NativeUnavailableException.class.getName(), thrown.getClass().getName());
            assertEquals(reason, thrown.getMessage());
        }
    }
}
