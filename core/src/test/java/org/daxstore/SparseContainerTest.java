package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.daxstore.format.Layout;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeFile;
import org.daxstore.testing.Hooked;
import org.daxstore.testing.ImageFile;
import org.daxstore.testing.InUseHoles;
import org.daxstore.testing.SmallTmpfs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A container whose metadata or blocks in use have no storage behind them (a
 * {@code cp --sparse=always} copy, holes punched by hand) opens with those holes backed, or,
 * on a full file system, is refused with {@link StoreFullException} at open and left as it was:
 * never SIGBUS ({@code InternalError}) at the first load or store through a view.
 */
class SparseContainerTest {
    private static final int BLOCK = 4096;
    private static final int PAGES = 64;
    /** The page of file "data" written with zeros: a sparse copy turns it into a hole. */
    private static final int ZERO_PAGE = 5;
    /** The page of file "data" whose block the test punches out of the copy. */
    private static final int PUNCHED_PAGE = 9;

    /** On a file system with room, open backs every hole under metadata and blocks in use. */
    @ParameterizedTest(name = "closed cleanly: {0}")
    @ValueSource(booleans = {true, false})
    void openBacksTheHolesUnderMetadataAndBlocksInUse(boolean clean) throws Exception {
        assumeTrue(LibC.isAvailable(), "finding holes needs the native bridge: " + LibC.unavailableReason());
        Path original = TempStores.newContainerPath("sparse-original-");
        Path copy = TempStores.newContainerPath("sparse-copy-");
        try {
            byte[] contents = writeStore(original);
            Layout layout = sparseCopy(original, copy, clean);
            List<Long> holes = InUseHoles.of(copy, layout);
            assertTrue(holes.stream().anyMatch(h -> h < layout.metadataBytes()), "no hole in the metadata: " + holes);
            assertTrue(holes.stream().anyMatch(h -> h >= layout.metadataBytes()), "no hole in a block in use: " + holes);
            try (DaxStore store = DaxStore.open(copy)) {
                assertEquals(List.of(), InUseHoles.of(copy, layout),
                        "holes under metadata or blocks in use after open");
                byte[] expected = contents.clone();
                Arrays.fill(expected, PUNCHED_PAGE * BLOCK, (PUNCHED_PAGE + 1) * BLOCK, (byte) 0);
                try (DaxFile file = store.openFile("data"); DaxMapping view = file.map(0, contents.length)) {
                    byte[] read = new byte[contents.length];
                    view.get(0, read, 0, read.length);
                    assertArrayEquals(expected, read, "a punched block reads as zeros, every other byte as written");
                    view.putLong((long) PUNCHED_PAGE * BLOCK, 42);
                    view.putLong((long) ZERO_PAGE * BLOCK, 43);
                }
                assertTrue(store.check().isConsistent(), store.check().toString());
            }
        } finally {
            TempStores.delete(original);
            TempStores.delete(copy);
        }
    }

    /**
     * On a full tmpfs, open refuses the sparse copy with StoreFullException naming the container,
     * the range and errno, and leaves its bytes and its storage as they were; once there is room
     * it opens. Before the fix the open succeeded and the first store to a hole was SIGBUS.
     */
    @ParameterizedTest(name = "closed cleanly: {0}")
    @ValueSource(booleans = {true, false})
    void onAFullFileSystemOpenIsRefusedAndLeavesTheContainerAsItWas(boolean clean) throws Exception {
        assumeTrue(LibC.isAvailable(), "finding holes needs the native bridge: " + LibC.unavailableReason());
        Path original = TempStores.newContainerPath("sparse-original-");
        try (SmallTmpfs mount = SmallTmpfs.mount("8m")) {
            writeStore(original);
            Path copy = mount.resolve("copy.dax");
            Layout layout = sparseCopy(original, copy, clean);
            assertTrue(!InUseHoles.of(copy, layout).isEmpty(), "the copy has no hole under anything in use");
            Path filler = mount.fill("filler", 0);
            byte[] before = Files.readAllBytes(copy);
            long storageBefore = InUseHoles.allocatedBytes(copy);

            StoreFullException e = assertThrows(StoreFullException.class, () -> DaxStore.open(copy).close());
            assertTrue(e.getMessage().contains(copy.toString()) && e.getMessage().contains("container range [")
                    && e.getMessage().contains("ENOSPC"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(copy), "a refused open changed the container");
            assertEquals(storageBefore, InUseHoles.allocatedBytes(copy), "a refused open left storage allocated");

            Files.delete(filler);
            try (DaxStore store = DaxStore.open(copy)) {
                assertEquals(List.of(), InUseHoles.of(copy, layout));
                try (DaxFile file = store.openFile("data"); DaxMapping view = file.map(0, (long) PAGES * BLOCK)) {
                    view.putLong((long) PUNCHED_PAGE * BLOCK, 42);
                }
            }
        } finally {
            TempStores.delete(original);
        }
    }

    /**
     * A failure after some holes were backed (here the second preallocation, made to fail by a
     * medium decorator) punches those again: the refused open leaves the storage as it found it.
     */
    @org.junit.jupiter.api.Test
    void aFailureAfterSomeHolesWereBackedReturnsTheirStorage() throws Exception {
        assumeTrue(LibC.isAvailable(), "finding holes needs the native bridge: " + LibC.unavailableReason());
        Path original = TempStores.newContainerPath("sparse-original-");
        Path copy = TempStores.newContainerPath("sparse-copy-");
        try {
            writeStore(original);
            Layout layout = sparseCopy(original, copy, true);
            assertTrue(InUseHoles.of(copy, layout).size() >= 2, "the test needs two holes under things in use");
            long storageBefore = InUseHoles.allocatedBytes(copy);
            int[] calls = {0};
            Hooked failingSecond = Hooked.decorating(StoreOptions.capacity(4 << 20).withMaxFiles(64),
                    m -> new org.daxstore.media.ForwardingMedium(m) {
                        @Override
                        public void preallocate(long offset, long length) {
                            if (++calls[0] == 2) {
                                throw new StoreFullException("injected: no room for [" + offset + ", +" + length + ")");
                            }
                            super.preallocate(offset, length);
                        }
                    });
            StoreFullException e = assertThrows(StoreFullException.class, () -> failingSecond.open(copy).close());
            assertTrue(e.getMessage().contains("injected") && e.getMessage().contains("the container is unchanged"),
                    e.getMessage());
            assertEquals(2, calls[0], "the open went on after a failed preallocation");
            assertEquals(storageBefore, InUseHoles.allocatedBytes(copy), "the first hole's storage was kept after the failure");
        } finally {
            TempStores.delete(original);
            TempStores.delete(copy);
        }
    }

    /** A store with one file of {@link #PAGES} pages, one of them written as zeros; returns the file's bytes. */
    private static byte[] writeStore(Path path) {
        byte[] contents = new byte[PAGES * BLOCK];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = (byte) (1 + i % 251);
        }
        Arrays.fill(contents, ZERO_PAGE * BLOCK, (ZERO_PAGE + 1) * BLOCK, (byte) 0);
        try (DaxStore store = DaxStore.open(path, StoreOptions.capacity(4 << 20).withMaxFiles(64));
                DaxFile file = store.create("data")) {
            file.write(0, contents);
        }
        return contents;
    }

    /**
     * Copies {@code original} with {@code cp --sparse=always} (its zero pages become holes),
     * punches the block of {@link #PUNCHED_PAGE} out of the copy, and marks it not clean if asked.
     */
    private static Layout sparseCopy(Path original, Path copy, boolean clean) throws Exception {
        Files.deleteIfExists(copy);
        assertEquals(0, SmallTmpfs.run("cp", "--sparse=always", original.toString(), copy.toString()), "cp --sparse=always");
        Layout layout = layoutOf(copy);
        long punched = findPage(copy, layout, PUNCHED_PAGE);
        try (NativeFile file = new NativeFile(copy)) {
            file.punchHole(punched, BLOCK);
        }
        if (!clean) {
            new ImageFile(copy).setClean(false);
        }
        return layout;
    }

    private static Layout layoutOf(Path path) throws IOException {
        byte[] superblock = new ImageFile(path).read(Layout.PRIMARY_SUPERBLOCK, org.daxstore.format.Superblock.BYTES);
        return org.daxstore.format.Superblock.decode(superblock, path.toString()).layout();
    }

    /** The container offset of the block holding page {@code page} of the file: found by its bytes. */
    private static long findPage(Path path, Layout layout, int page) throws IOException {
        byte[] wanted = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            wanted[i] = (byte) (1 + (page * BLOCK + i) % 251);
        }
        ImageFile image = new ImageFile(path);
        for (long offset = layout.metadataBytes(); offset < layout.containerSize(); offset += BLOCK) {
            if (Arrays.equals(wanted, image.read(offset, BLOCK))) {
                return offset;
            }
        }
        throw new AssertionError("page " + page + " of the file is not in " + path);
    }

}
