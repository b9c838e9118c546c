package org.daxstore.nativebridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {
    private static final int MIB = 1 << 20;

    private Path path;

    @BeforeEach
    void createFile() throws IOException {
        assumeTrue(LibC.isAvailable(), () -> "the native bridge is unavailable: " + LibC.unavailableReason());
        path = Files.createTempFile(Path.of("/dev/shm"), "media-probe-test-", ".dax");
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (path != null) {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void aTmpfsFileIsNotDax() {
        MediaProbe probe = MediaProbe.of(path);
        assertEquals(path, probe.path());
        assertEquals("tmpfs", probe.fileSystemType());
        assertEquals(Path.of("/dev/shm"), probe.mountPoint());
        assertEquals(DaxMountOption.NONE, probe.mountDaxOption());
        assertFalse(probe.characterDevice());
        assertFalse(probe.devDax());
        assertEquals(0, probe.devDaxAlign());
        assertFalse(probe.isDax(), probe.toString());
        if (probe.daxAttribute() != DaxAttribute.UNKNOWN) { // reported since Linux 5.8
            assertEquals(DaxAttribute.NO, probe.daxAttribute());
            assertEquals("tmpfs at /dev/shm: the kernel reports the file not in DAX state (STATX_ATTR_DAX clear)",
                    probe.reason());
        }
    }

    /**
     * Probing reads metadata only. A probe that test-mapped or preallocated would show in the size,
     * the storage (the file has a hole), the contents or the change time.
     */
    @Test
    void probingLeavesSizeContentsStorageAndTimesUnchanged() throws IOException {
        byte[] data = new byte[MIB];
        new Random(5).nextBytes(data);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(data), 0);
            channel.write(ByteBuffer.wrap(data, 0, 10), 8L * MIB - 10); // 8 MiB long, a hole in the middle
        }
        Path empty = Files.createTempFile(Path.of("/dev/shm"), "media-probe-empty-", ".dax");
        try {
            List<Object> before = fingerprint(path);
            List<Object> emptyBefore = fingerprint(empty);
            byte[] contentsBefore = Files.readAllBytes(path);

            MediaProbe.of(path);
            MediaProbe.of(empty);

            assertEquals(before, fingerprint(path));
            assertEquals(emptyBefore, fingerprint(empty));
            assertEquals(0L, Files.size(empty), "an empty file stays empty");
            assertArrayEquals(contentsBefore, Files.readAllBytes(path));
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void aCharacterDeviceThatIsNotDevDax() {
        MediaProbe probe = MediaProbe.of(Path.of("/dev/null"));
        assertTrue(probe.characterDevice());
        assertFalse(probe.devDax());
        assertFalse(probe.isDax());
        assertEquals("character device 1:3 is not device DAX (its sysfs subsystem is mem)", probe.reason());
    }

    /**
     * No /dev/dax here, so a sysfs tree as the kernel lays it out for one is built around /dev/null's
     * numbers: /sys/dev/char/1:3 linking to the device's directory, whose subsystem link ends in dax.
     */
    @Test
    void deviceDaxIsRecognisedWithItsAlignmentAndSize(@TempDir Path sys) throws IOException {
        Path device = Files.createDirectories(sys.resolve("devices/platform/e820_pmem/ndbus0/region0/dax0.0"));
        Path bus = Files.createDirectories(sys.resolve("bus/dax"));
        Files.createSymbolicLink(device.resolve("subsystem"), device.relativize(bus));
        Files.writeString(device.resolve("align"), "2097152\n");
        Files.writeString(device.resolve("size"), "17045651456\n");
        Files.createDirectories(sys.resolve("dev/char"));
        Files.createSymbolicLink(sys.resolve("dev/char/1:3"), sys.resolve("dev/char").relativize(device));

        MediaProbe probe = new MediaProber(MountTable.MOUNTINFO, sys).probe(Path.of("/dev/null"));
        assertTrue(probe.characterDevice());
        assertTrue(probe.devDax());
        assertTrue(probe.isDax());
        assertEquals(2 * MIB, probe.devDaxAlign());
        assertEquals(17045651456L, probe.devDaxSize());
        assertEquals("device DAX dax0.0 (character device 1:3, align 2097152, size 17045651456): "
                + "loads and stores reach the media directly", probe.reason());
    }

    /** Kernels before 5.10 have no align attribute on the device; its region's (device/align) serves. */
    @Test
    void deviceDaxAlignmentFallsBackToTheRegion(@TempDir Path sys) throws IOException {
        Path device = Files.createDirectories(sys.resolve("dev/char/1:3"));
        Path bus = Files.createDirectories(sys.resolve("class/dax"));
        Files.createSymbolicLink(device.resolve("subsystem"), bus);
        Files.createDirectories(device.resolve("device"));
        Files.writeString(device.resolve("device/align"), "4096\n");

        MediaProbe probe = new MediaProber(MountTable.MOUNTINFO, sys).probe(Path.of("/dev/null"));
        assertTrue(probe.devDax());
        assertEquals(4096, probe.devDaxAlign());
        assertEquals(0, probe.devDaxSize(), "no size attribute: unknown");
        assertTrue(probe.reason().contains("size unknown"), probe.reason());
    }

    @Test
    void anUnreadableMountTableLeavesTheFileSystemUnknownAndSaysWhy(@TempDir Path dir) {
        Path missing = dir.resolve("mountinfo");
        MediaProbe probe = new MediaProber(missing, Path.of("/sys")).probe(path);
        assertNull(probe.fileSystemType());
        assertNull(probe.mountPoint());
        assertTrue(probe.reason().startsWith("mount table " + missing + " unreadable ("), probe.reason());
        assertTrue(probe.reason().contains("an unknown file system: "), probe.reason());
    }

    @Test
    void aMissingPathFailsWithEnoentNamingIt() {
        Path missing = path.resolveSibling(path.getFileName() + ".missing");
        NativeCallException e = assertThrows(NativeCallException.class, () -> MediaProbe.of(missing));
        assertEquals(LibC.ENOENT, e.errno());
        assertEquals(missing.toString(), e.path());
    }

    /** The decision, on probes this machine cannot produce. */
    @Test
    void isDaxWeighsTheAttributeOverTheMountOption() {
        assertTrue(probe(DaxAttribute.YES, DaxMountOption.NONE).isDax());
        assertTrue(probe(DaxAttribute.YES, DaxMountOption.INODE).isDax());
        assertFalse(probe(DaxAttribute.NO, DaxMountOption.ALWAYS).isDax(), "the kernel's no outranks the option");
        assertTrue(probe(DaxAttribute.UNKNOWN, DaxMountOption.ALWAYS).isDax(), "old kernel: the option decides");
        assertFalse(probe(DaxAttribute.UNKNOWN, DaxMountOption.INODE).isDax(), "per-file, and the file is not known");
        assertFalse(probe(DaxAttribute.UNKNOWN, DaxMountOption.NONE).isDax());
    }

    private static MediaProbe probe(DaxAttribute attribute, DaxMountOption option) {
        return new MediaProbe(Path.of("/mnt/pmem/x"), "ext4", Path.of("/mnt/pmem"), "/dev/pmem0", attribute, option,
                false, false, 0, 0, "made up");
    }

    /** Size, storage held, modification and change times. */
    private static List<Object> fingerprint(Path file) throws IOException {
        Statx statx = LibC.statx(file.toString());
        return List.of(statx.size(), statx.allocatedBytes(), Files.getLastModifiedTime(file),
                (FileTime) Files.getAttribute(file, "unix:ctime"));
    }
}
