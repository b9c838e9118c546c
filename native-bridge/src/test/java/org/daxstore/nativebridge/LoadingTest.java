package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;

class LoadingTest {
    @Test
    void bindsOnThisMachine() {
        assertTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        assertNull(LibC.unavailableReason());
    }

    /** Loads a second copy of this module's classes where JNA cannot be found, as in a deployment that lacks it. */
    @Test
    void withoutJnaReportsUnavailableInsteadOfFailingToLoad() throws Exception {
        URL classes = LibC.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutJna = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> withoutJna.loadClass("com.sun.jna.Native"));

            Class<?> libC = withoutJna.loadClass(LibC.class.getName());
            assertEquals(Boolean.FALSE, libC.getMethod("isAvailable").invoke(null));
            String reason = (String) libC.getMethod("unavailableReason").invoke(null);
            assertTrue(reason.contains("NoClassDefFoundError") && reason.contains("com/sun/jna"), reason);

            Method open = libC.getMethod("open", String.class, int.class);
            Throwable thrown = assertThrows(InvocationTargetException.class, () -> open.invoke(null, "/dev/null", 0))
                    .getCause();
            assertEquals(NativeUnavailableException.class.getName(), thrown.getClass().getName());
            assertEquals(reason, thrown.getMessage());
        }
    }
}
