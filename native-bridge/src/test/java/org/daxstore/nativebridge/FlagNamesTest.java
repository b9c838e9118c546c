package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlagNamesTest {
    private final FlagNames names = new FlagNames(new int[] {0x1, 0x4}, "ONE", "FOUR");

    @Test
    void namesSetBitsInOrderAndShowTheRestInHex() {
        assertEquals("ONE|FOUR", names.name(0x5, "none"));
        assertEquals("FOUR|0x30", names.name(0x34, "none"));
        assertEquals("none", names.name(0, "none"));
    }

    @Test
    void mapFlagsStartWithTheSharingType() {
        assertEquals("SHARED_VALIDATE|SYNC|POPULATE", LibC.mapFlagsName(LibC.MAP_SHARED_VALIDATE | LibC.MAP_SYNC
                | LibC.MAP_POPULATE));
        assertEquals("PRIVATE|ANONYMOUS|NORESERVE", LibC.mapFlagsName(LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS
                | LibC.MAP_NORESERVE));
        assertEquals("FIXED|0x40", LibC.mapFlagsName(LibC.MAP_FIXED | 0x40));
    }
}
