package org.daxstore.harness.exercise.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.daxstore.format.InodeFormat;
import org.daxstore.format.JournalFormat;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.fs.FileData;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.Namespace;
import org.daxstore.fs.Volume;
import org.daxstore.fs.VolumeOptions;

/**
 * A valid container image that the fuzzer damages copies of, with the byte ranges where damage
 * is most telling: the superblocks, the journal record, the bitmap words in use, the in-use inode
 * records and the block-map nodes. Built once per campaign through the store itself, so each base
 * is what real use leaves behind.
 *
 * @param name       how failure reports name it
 * @param bytes      the image
 * @param layout     its layout
 * @param hotRanges  {offset, length} pairs of its metadata structures, in the order above
 * @param liveInodes the in-use inode slots
 * @param files      each in-use file: where it lives and what it holds, to tell after a repair
 *                   whether a file the damage did not reach kept every byte
 */
record BaseImage(String name, byte[] bytes, Layout layout, List<long[]> hotRanges, List<Integer> liveInodes,
                 List<BaseFile> files) {

    /** A file of a base image: its inode, every block it owns (nodes and data), its bytes. */
    record BaseFile(int inode, String name, long[] blocks, byte[] contents) {

        /**
         * True if {@code damaged} (a damaged copy of {@code base}) still holds this file's inode
         * record and every one of its blocks as they were, whole, and its superblocks and journal
         * leave the repair no choice that could reach it: at most one superblock copy damaged,
         * the journal region as it was.
         */
        boolean untouchedIn(byte[] damaged, BaseImage base) {
            Layout layout = base.layout();
            long journalEnd = Layout.JOURNAL_OFFSET + layout.journalBytes();
            boolean primary = same(damaged, base.bytes(), Layout.PRIMARY_SUPERBLOCK, Superblock.BYTES);
            boolean secondary = same(damaged, base.bytes(), Layout.SECONDARY_SUPERBLOCK, Superblock.BYTES);
            if (!(primary || secondary) || !same(damaged, base.bytes(), Layout.JOURNAL_OFFSET, journalEnd - Layout.JOURNAL_OFFSET)
                    || !same(damaged, base.bytes(), layout.inodeOffset(inode), InodeFormat.SIZE)) {
                return false;
            }
            for (long block : blocks) {
                if (!same(damaged, base.bytes(), layout.blockOffset(block), layout.blockSize())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean same(byte[] damaged, byte[] base, long offset, long length) {
            return offset + length <= damaged.length
                    && Arrays.equals(damaged, (int) offset, (int) (offset + length), base, (int) offset, (int) (offset + length));
        }
    }

    private static final int SMALL_CAPACITY = 512 << 10;
    private static final int MAX_FILES = 16;

    /** A store formatted and closed: nothing but metadata. */
    static BaseImage fresh(Path dir) {
        return build(dir, "fresh", VolumeOptions.capacity(SMALL_CAPACITY).withMaxFiles(MAX_FILES), (volume, ns, data) -> { },
                false);
    }

    /**
     * A store after some life: small and sparse files, a map of height 2 (a page past the
     * first node's reach), punched and truncated files, a deleted and a renamed one.
     */
    static BaseImage aged(Path dir) {
        return build(dir, "aged", VolumeOptions.capacity(SMALL_CAPACITY).withMaxFiles(MAX_FILES), BaseImage::age, false);
    }

    /**
     * An aged store copied while open after one more operation: its clean flag is 0 and its
     * journal holds a valid record, so every open of a copy runs recovery and the full check.
     */
    static BaseImage crashed(Path dir) {
        return build(dir, "crashed", VolumeOptions.capacity(SMALL_CAPACITY).withMaxFiles(MAX_FILES), BaseImage::age, true);
    }

    /** 2 MiB blocks: one metadata block, a file whose map has a node, one block free. */
    static BaseImage hugeBlocks(Path dir) {
        int block = org.daxstore.StoreOptions.HUGE_BLOCK_SIZE;
        return build(dir, "huge-blocks", VolumeOptions.capacity(5L * block).withBlockSize(block).withMaxFiles(MAX_FILES),
                (volume, ns, data) -> {
                    FileNode file = ns.create("h");
                    data.write(file, 0, new byte[] {1, 2, 3}, 0, 3);
                    data.write(file, block + 5L, new byte[] {4}, 0, 1);
                }, false);
    }

    private interface Workload {
        void run(Volume volume, Namespace namespace, FileData data);
    }

    private static void age(Volume volume, Namespace ns, FileData data) {
        int block = volume.layout().blockSize();
        data.write(ns.create("small"), 0, bytes(100, 1), 0, 100);
        FileNode holes = ns.create("holes");
        for (int page : new int[] {0, 5, 9}) {
            data.write(holes, (long) page * block, bytes(block, page), 0, block);
        }
        data.punchHole(holes, 5L * block, block);
        FileNode deep = ns.create("deep");
        data.write(deep, 0, bytes(10, 3), 0, 10);
        data.write(deep, 600L * block + 7, bytes(3, 4), 0, 3);
        FileNode cut = ns.create("cut");
        data.write(cut, 0, bytes(10 * block, 5), 0, 10 * block);
        data.truncate(cut, 3L * block + block / 2);
        data.write(ns.create("gone"), 0, bytes(2 * block, 6), 0, 2 * block);
        ns.delete("gone");
        data.write(ns.create("x"), 0, bytes(block + 1, 7), 0, block + 1);
        ns.rename("x", "renamed");
        ns.create("empty");
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

    private static BaseImage build(Path dir, String name, VolumeOptions options, Workload workload, boolean crashed) {
        Path path = dir.resolve("base-" + name + ".dax");
        Path copy = dir.resolve("base-" + name + "-copy.dax");
        try {
            Files.deleteIfExists(path);
            List<long[]> nodes = new ArrayList<>();
            List<Integer> live = new ArrayList<>();
            List<BaseFile> files = new ArrayList<>();
            Layout layout;
            Volume volume = Volume.open(path, options, Volume.OpenMode.NEW);
            try {
                Namespace namespace = new Namespace(volume);
                FileData data = new FileData(volume);
                workload.run(volume, namespace, data);
                layout = volume.layout();
                if (crashed) {
                    data.write(namespace.create("last"), 0, bytes(3, 9), 0, 3);
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                for (String file : namespace.list()) {
                    FileNode node = namespace.lookup(file);
                    live.add(node.inode);
                    List<Long> blocks = new ArrayList<>();
                    volume.blockMap().forEachBlock(node, (block, level, firstPage) -> {
                        blocks.add(block);
                        if (level > 0) {
                            nodes.add(new long[] {layout.blockOffset(block), layout.blockSize()});
                        }
                    });
                    byte[] contents = new byte[(int) node.size()];
                    data.read(node, 0, contents, 0, contents.length);
                    files.add(new BaseFile(node.inode, file, blocks.stream().mapToLong(Long::longValue).toArray(), contents));
                }
            } finally {
                volume.close();
            }
            byte[] bytes = Files.readAllBytes(crashed ? copy : path);
            return new BaseImage(name, bytes, layout, hotRanges(bytes, layout, live, nodes), List.copyOf(live),
                    List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(path);
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a leftover base in the work directory is harmless
            }
        }
    }

    private static List<long[]> hotRanges(byte[] bytes, Layout layout, List<Integer> live, List<long[]> nodes) {
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[] {Layout.PRIMARY_SUPERBLOCK, Superblock.BYTES});
        ranges.add(new long[] {Layout.SECONDARY_SUPERBLOCK, Superblock.BYTES});
        long count = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .getLong((int) Layout.JOURNAL_OFFSET + JournalFormat.COUNT_AT);
        long recordBytes = JournalFormat.HEADER_BYTES + Math.max(0, Math.min(count, 256)) * JournalFormat.ENTRY_BYTES;
        ranges.add(new long[] {Layout.JOURNAL_OFFSET, recordBytes});
        ranges.add(new long[] {layout.bitmapOffset(), (layout.blockCount() + 63) / 64 * Long.BYTES});
        for (int inode : live) {
            ranges.add(new long[] {layout.inodeOffset(inode), InodeFormat.SIZE});
        }
        ranges.addAll(nodes);
        return List.copyOf(ranges);
    }
}
