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

import org.daxstore.check.Fsck;
import org.daxstore.check.FsckReport;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeFile;
import org.daxstore.testing.ImageFile;
import org.daxstore.testing.Layouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/DESIGN.md invariant 8: every image the store agrees to open satisfies invariant 1. Each image
 * here was closed cleanly (its clean flag is 1, so no journal replay and no "after a crash"
 * check applies) and then damaged by writing the container file directly, as a bad disk or a
 * bug would: one case per rule of FORMAT.md ("Block maps") and of the inode records. Open must
 * refuse each with {@link CorruptStoreException} naming what and where; and for the four kinds
 * of damage that break invariant 1, a write through the store must never land in another
 * file's block (which it does when the damaged image is opened unchecked).
 *
 * <p>Runs on every medium (core/pom.xml).
 */
class DamagedCleanImageTest {
    private static final StoreOptions OPTIONS = StoreOptions.capacity(4 << 20).withMaxFiles(64);
    private static final int PAGE = 4096;

    private Path path;
    private ImageFile image;
    private Layout layout;
    /** "a": one page, so its map root is its only data block (height 0). */
    private int inodeA;
    private long blockA;
    /** "b": three pages under one block-map node (height 1). */
    private int inodeB;
    private long nodeB;
    private long[] dataB;
    /** "c": two pages under one block-map node (height 1). */
    private int inodeC;

    @BeforeEach
    void create() throws IOException {
        path = TempStores.newContainerPath("damaged-clean-");
        image = new ImageFile(path);
        try (DaxStore store = DaxStore.create(path, OPTIONS)) {
            write(store, "a", filled(PAGE, 0xA1));
            write(store, "b", filled(3 * PAGE, 0xB2));
            write(store, "c", filled(2 * PAGE, 0xC3));
        }
        layout = Layouts.of(OPTIONS);
        // A new file takes the lowest free inode slot.
        inodeA = 0;
        inodeB = 1;
        inodeC = 2;
        blockA = image.getLong(layout.inodeOffset(inodeA) + InodeFormat.MAP_ROOT);
        nodeB = image.getLong(layout.inodeOffset(inodeB) + InodeFormat.MAP_ROOT);
        assertEquals(0, image.getLong(layout.inodeOffset(inodeA) + InodeFormat.MAP_HEIGHT), "a's root is its data block");
        assertEquals(1, image.getLong(layout.inodeOffset(inodeB) + InodeFormat.MAP_HEIGHT), "b's root is a node");
        assertEquals(1, image.getLong(layout.inodeOffset(inodeC) + InodeFormat.MAP_HEIGHT), "c's root is a node");
        dataB = new long[3];
        for (int slot = 0; slot < 3; slot++) {
            dataB[slot] = image.getLong(slot(nodeB, slot));
        }
    }

    @AfterEach
    void delete() {
        TempStores.delete(path);
    }

    /** Each way an image can break a rule of the format, applied to the closed container file. */
    enum Damage {
        /** Invariant 1: b's node slot 1 points at a's data block. */
        TWO_FILES_REACH_ONE_DATA_BLOCK("points to block %A%, which is already in use (invariant 1)") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.image.putLong(t.slot(t.nodeB, 1), t.blockA);
                t.clearBit(t.dataB[1]);
            }
        },
        /** Invariant 1: c's root is b's block-map node (c's own node and data left unowned and marked free). */
        TWO_FILES_SHARE_A_MAP_NODE("file 'c' (inode %C%): its block-map root", "points to block %NB%, which is already in use") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                long nodeC = t.image.getLong(t.layout.inodeOffset(t.inodeC) + InodeFormat.MAP_ROOT);
                for (int slot = 0; slot < 2; slot++) {
                    t.clearBit(t.image.getLong(t.slot(nodeC, slot)));
                }
                t.clearBit(nodeC);
                t.editInode(t.inodeC, InodeFormat.MAP_ROOT, t.nodeB);
                t.editInode(t.inodeC, InodeFormat.FILE_SIZE, 3 * PAGE);
                t.editInode(t.inodeC, InodeFormat.ALLOCATED_BLOCKS, 4);
            }
        },
        /** Invariant 1 at the next allocation: the bitmap marks a's data block free. */
        BITMAP_MARKS_A_DATA_BLOCK_FREE("block %A% is marked free but a file or the metadata owns it") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.clearBit(t.blockA);
            }
        },
        /** Invariant 1 at the next allocation: the bitmap marks b's block-map node free. */
        BITMAP_MARKS_A_MAP_NODE_FREE("block %NB% is marked free but a file or the metadata owns it") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.clearBit(t.nodeB);
            }
        },
        POINTER_OUTSIDE_THE_DATA_BLOCKS("block-map node %NB% slot 0 (offset %NBO%) points to block 1099511627776,"
                + " outside the data blocks") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.image.putLong(t.slot(t.nodeB, 0), 1L << 40);
                t.clearBit(t.dataB[0]);
            }
        },
        PAGE_PAST_THE_END_OF_THE_FILE("file 'b' (inode %B%): page 1 has block", "the file is only 4096 bytes") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.editInode(t.inodeB, InodeFormat.FILE_SIZE, PAGE);
            }
        },
        EMPTY_MAP_NODE("block-map node %NB% (offset %NBO%) is empty") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                for (int slot = 0; slot < 3; slot++) {
                    t.image.putLong(t.slot(t.nodeB, slot), 0);
                    t.clearBit(t.dataB[slot]);
                }
                t.editInode(t.inodeB, InodeFormat.ALLOCATED_BLOCKS, 1);
            }
        },
        WRONG_ALLOCATED_COUNT("file 'b' (inode %B%): its inode counts 5 blocks but its map reaches 4") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.editInode(t.inodeB, InodeFormat.ALLOCATED_BLOCKS, 5);
            }
        },
        BLOCK_MARKED_IN_USE_THAT_NOTHING_OWNS("is marked in use but nothing owns it") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.image.setInUse(t.layout, t.layout.blockCount() - 1, true);
            }
        },
        BITMAP_PADDING_NOT_ZERO("past the last block, is not zero") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.image.putLong(t.layout.bitmapOffset() + t.layout.bitmapBytes() - Long.BYTES, 1);
            }
        },
        // Refused by the inode table's own load before this check existed; kept so that every rule is covered.
        BAD_INODE_CHECKSUM("inode %IA% at offset %AO%: checksum mismatch") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.image.putLong(t.layout.inodeOffset(t.inodeA) + InodeFormat.FILE_SIZE, 12345);
            }
        },
        BAD_INODE_FIELD_UNDER_A_GOOD_CHECKSUM("inode %B% at offset %BO% ('b'): impossible size") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.editInode(t.inodeB, InodeFormat.FILE_SIZE, InodeFormat.MAX_FILE_SIZE + 1);
            }
        },
        DUPLICATE_NAMES("both hold the name 'a'") {
            @Override
            void apply(DamagedCleanImageTest t) throws IOException {
                t.editInode(t.inodeB, InodeFormat.NAME, 'a');
            }
        };

        private final String[] expected;

        Damage(String... expected) {
            this.expected = expected;
        }

        abstract void apply(DamagedCleanImageTest t) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedImageMarkedCleanIsRefusedAtOpen(Damage damage) throws IOException {
        damage.apply(this);
        assertTrue(image.isMarkedClean(), "the damaged image must still be marked clean");
        byte[] before = Files.readAllBytes(path);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path).close(),
                damage + ": the store opened");
        assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
        for (String fragment : damage.expected) {
            String where = fragment.replace("%A%", String.valueOf(blockA)).replace("%IA%", String.valueOf(inodeA))
                    .replace("%AO%", String.valueOf(layout.inodeOffset(inodeA)))
                    .replace("%B%", String.valueOf(inodeB)).replace("%BO%", String.valueOf(layout.inodeOffset(inodeB)))
                    .replace("%C%", String.valueOf(inodeC))
                    .replace("%NBO%", String.valueOf(layout.blockOffset(nodeB))).replace("%NB%", String.valueOf(nodeB));
            assertTrue(e.getMessage().contains(where), damage + ": expected '" + where + "' in: " + e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(path), "a refused open must not write the image");
    }

    /**
     * What the check at open prevents: each of these images, opened unchecked, lets a write
     * through one file land in another file's block (the victim). The write is attempted
     * whenever the store opens; the victim's bytes in the container file must not change.
     */
    @ParameterizedTest
    @EnumSource(value = Damage.class, names = {"TWO_FILES_REACH_ONE_DATA_BLOCK", "TWO_FILES_SHARE_A_MAP_NODE",
            "BITMAP_MARKS_A_DATA_BLOCK_FREE", "BITMAP_MARKS_A_MAP_NODE_FREE"})
    void noWriteThroughOneFileLandsInAnotherFilesBlock(Damage damage) throws IOException {
        damage.apply(this);
        long victim = switch (damage) {
            case TWO_FILES_REACH_ONE_DATA_BLOCK, BITMAP_MARKS_A_DATA_BLOCK_FREE -> blockA;
            case TWO_FILES_SHARE_A_MAP_NODE -> dataB[0];
            default -> nodeB;
        };
        byte[] before = image.read(layout.blockOffset(victim), PAGE);
        String outcome;
        try (DaxStore store = DaxStore.open(path)) {
            switch (damage) {
                case TWO_FILES_REACH_ONE_DATA_BLOCK -> write(store, "b", PAGE);
                case TWO_FILES_SHARE_A_MAP_NODE -> write(store, "c", 0);
                default -> {
                    store.create("d").close();
                    write(store, "d", 0);
                }
            }
            outcome = "the store opened and the write went through";
        } catch (CorruptStoreException e) {
            outcome = "refused: " + e.getMessage();
        }
        assertArrayEquals(before, image.read(layout.blockOffset(victim), PAGE),
                damage + ": another file's block " + victim + " was overwritten (" + outcome + ")");
    }

    /**
     * A damaged pointer into a block that has no storage (a hole of the container file): fsck and
     * open must read it without making the file system allocate it. A load through a mapping of
     * a tmpfs hole, shared or private, allocates a page, and raises SIGBUS (an asynchronous
     * {@code InternalError}) when tmpfs is full; the checks read by {@code pread}, which does
     * neither. So checking a damaged image can neither fill a file system nor fail untyped.
     */
    @Test
    void aPointerIntoAHoleIsCheckedWithoutAllocatingIt() throws IOException {
        assumeTrue(LibC.isAvailable(), "measuring allocated storage needs the native bridge: " + LibC.unavailableReason());
        long hole = layout.blockCount() - 1;
        editInode(inodeB, InodeFormat.MAP_ROOT, hole);
        long damaged = allocatedBytes();
        assertTrue(damaged + PAGE <= layout.containerSize(), "the container has no hole: " + damaged + " bytes allocated");
        FsckReport report = Fsck.check(path);
        assertEquals(FsckReport.Status.INCONSISTENT, report.status(), report.summary());
        assertThrows(CorruptStoreException.class, () -> DaxStore.open(path).close());
        assertEquals(damaged, allocatedBytes(), "checking a pointer to block " + hole + ", a hole, allocated storage");
    }

    /**
     * A store that crashed and whose journal record, replayed, leaves it inconsistent (here: the
     * record clears the bitmap bit of file a's block, a bitmap word, which the replay rule allows)
     * is refused, and refused before the replay writes a word: open lays the replay over the
     * image in memory and checks that, so the image stays as it was found, for fsck and repair.
     */
    @Test
    void aCrashedStoreInconsistentAfterItsReplayIsRefusedUnwritten() throws IOException {
        long word = layout.bitmapWordOffset(blockA);
        image.setClean(false);
        image.writeJournalRecord(1 << 20, new long[] {word}, new long[] {image.getLong(word) & ~(1L << blockA)});
        byte[] before = Files.readAllBytes(path);
        CorruptStoreException e = assertThrows(CorruptStoreException.class, () -> DaxStore.open(path).close());
        assertTrue(e.getMessage().contains("not closed cleanly and is inconsistent after journal recovery"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(path), "a refused open wrote the replay into the image");
    }

    private long allocatedBytes() {
        try (NativeFile file = new NativeFile(path)) {
            return file.allocatedBytes();
        }
    }

    private static void write(DaxStore store, String name, long position) {
        try (DaxFile file = store.openFile(name)) {
            file.write(position, filled(PAGE, 0xEE));
        }
    }

    private static void write(DaxStore store, String name, byte[] contents) {
        try (DaxFile file = store.create(name)) {
            file.write(0, contents);
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private long slot(long node, int slot) {
        return layout.blockOffset(node) + (long) slot * Long.BYTES;
    }

    private void clearBit(long block) throws IOException {
        image.setInUse(layout, block, false);
    }

    private void editInode(int inode, int field, long value) throws IOException {
        image.editInode(layout, inode, field, value);
    }
}
