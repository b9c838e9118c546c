package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {
    /** Lines as the kernel writes them: optional fields or none, escaped spaces, dax in the super options. */
    private static final List<String> SAMPLE = List.of(
            "26 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
            "24 26 0:22 / /dev/shm rw,relatime shared:3 - tmpfs tmpfs rw,size=24683620k",
            "29 24 0:26 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=1024k",
            "40 26 259:1 / /mnt/pmem rw,relatime shared:7 master:1 - ext4 /dev/pmem0 rw,dax=always",
            "41 26 259:2 / /mnt/pmem2 rw,relatime - xfs /dev/pmem1 rw,attr2,dax,inode64",
            "42 26 259:3 / /mnt/pmem\\0403 rw - ext4 /dev/pmem2 rw,dax=inode",
            "43 40 259:4 /sub /mnt/pmem/never rw - ext4 /dev/pmem3 rw,dax=always,dax=never");

    @Test
    void parsesEveryField(@TempDir Path dir) throws IOException {
        MountTable table = table(dir, SAMPLE);
        assertEquals(7, table.mounts().size());
        Mount pmem = table.byId(40).orElseThrow();
        assertEquals(new Mount(40, 26, "259:1", "/", Path.of("/mnt/pmem"), "rw,relatime", "ext4", "/dev/pmem0",
                "rw,dax=always"), pmem);
        assertEquals(List.of("rw", "relatime", "rw", "dax=always"), pmem.options());
        assertEquals("/sub", table.byId(43).orElseThrow().root());
    }

    @Test
    void readsTheDaxOptionTheKernelWouldApply(@TempDir Path dir) throws IOException {
        MountTable table = table(dir, SAMPLE);
        assertEquals(DaxMountOption.NONE, table.byId(26).orElseThrow().daxOption());
        assertEquals(DaxMountOption.ALWAYS, table.byId(40).orElseThrow().daxOption());
        assertEquals(DaxMountOption.ALWAYS, table.byId(41).orElseThrow().daxOption(), "plain 'dax' means always");
        assertEquals(DaxMountOption.INODE, table.byId(42).orElseThrow().daxOption());
        assertEquals(DaxMountOption.NEVER, table.byId(43).orElseThrow().daxOption(), "the last option wins");
    }

    @Test
    void findsTheMountByLongestWholeComponentPrefixTopmostFirst(@TempDir Path dir) throws IOException {
        MountTable table = table(dir, SAMPLE);
        assertEquals(29, table.containing(Path.of("/dev/shm/x.dax")).orElseThrow().id(), "the later mount hides the earlier");
        assertEquals(40, table.containing(Path.of("/mnt/pmem/a/b")).orElseThrow().id());
        assertEquals(41, table.containing(Path.of("/mnt/pmem2/c")).orElseThrow().id(), "/mnt/pmem2 is not under /mnt/pmem");
        assertEquals(42, table.containing(Path.of("/mnt/pmem 3/d")).orElseThrow().id(), "\\040 is a space");
        assertEquals(43, table.containing(Path.of("/mnt/pmem/never/e")).orElseThrow().id());
        assertEquals(26, table.containing(Path.of("/home")).orElseThrow().id());
        assertTrue(table.byId(99).isEmpty());
    }

    @Test
    void aMalformedLineIsReportedWithFileAndLineNumber(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mountinfo");
        Files.write(file, List.of(SAMPLE.get(0), "27 26 0:5 / /proc rw"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MountTable.read(file));
        assertTrue(e.getMessage().startsWith("line 2 of " + file + " is not a mountinfo line"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": 27 26 0:5 / /proc rw"), e.getMessage());
    }

    @Test
    void unescapesOnlyOctalEscapes() {
        assertEquals("a b\tc\\d", MountTable.unescape("a\\040b\\011c\\134d"));
        assertEquals("\\x\\04", MountTable.unescape("\\x\\04"));
    }

    @Test
    void onThisMachineDevShmIsTmpfs() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "no /dev/shm");
        Mount shm = MountTable.read().containing(Path.of("/dev/shm").toRealPath()).orElseThrow();
        assertEquals("tmpfs", shm.fileSystemType());
        assertEquals(Path.of("/dev/shm"), shm.mountPoint());
        assertEquals(DaxMountOption.NONE, shm.daxOption());
    }

    @Test
    void theMountIdOfStatxNamesTheSameMountAsThePath() throws IOException {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        long id = LibC.statx("/dev/shm").mountId();
        assumeTrue(id >= 0, "this kernel does not report mount ids (before 5.8)");
        MountTable table = MountTable.read();
        assertEquals(table.containing(Path.of("/dev/shm")), table.byId(id));
    }

    private static MountTable table(Path dir, List<String> lines) throws IOException {
        Path file = dir.resolve("mountinfo");
        Files.write(file, lines);
        return MountTable.read(file);
    }
}
