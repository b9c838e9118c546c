package org.daxstore.check;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.daxstore.format.Layout;
import org.daxstore.fs.ImageRules;
import org.daxstore.fs.InodeRecord;
import org.daxstore.media.ImageReader;

/**
 * Decides, for a repair, what each file's block map becomes: the repair's side of the map rules
 * that {@link ImageRules} checks (FORMAT.md, "Block maps"). It reads the image and plans; it
 * writes nothing. Files are mended one at a time, in inode order, each walk entering a block at
 * most once per file, so a corrupt map cannot make it loop.
 *
 * <p>For each pointer of a file's map:
 * <ul>
 *   <li>outside the data blocks: cleared (a hole);</li>
 *   <li>to a block this file reached before (a cycle, or two pages on one block): cleared;</li>
 *   <li>to a data block mapping a page at or past the file's size: cleared;</li>
 *   <li>to a block an earlier file reached: the file gets a copy of the block, so that both files
 *       keep reading the bytes they read before the repair, whichever of the two pointers the
 *       damage made (cleared instead only when the store has no free block for the copy). A
 *       copied node's pointers are mended as this file's: its children are copied in turn where
 *       they are shared, and the copy is what gets changed, never the other file's block;</li>
 *   <li>to a node left with no pointer once its own are mended: the node is removed, and its
 *       parent mended in turn (a root left empty leaves the file without blocks).</li>
 * </ul>
 * What the file's map then reaches is its allocated-block count, and what all files reach is
 * what the rebuilt bitmap marks in use.
 *
 * <p>A copy is named by a negative reference, {@code -(index + 1)}, until {@link RepairPlan}
 * places it in a free block; only then is it known which blocks are free.
 *
 * <p>Not thread-safe; one instance plans one repair.
 */
final class MapMender {
    private static final VarHandle SLOT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A slot to rewrite: of an original block ({@code node > 0}) or of a copy ({@code node < 0}); the value likewise. */
    record SlotWrite(long node, int slot, long value) {
    }

    /**
     * What one file's map became: the new root (a block, a copy's reference, or 0), the height it
     * was read under, its blocks and its slot writes.
     */
    record Mended(long root, int height, long blocks, int firstWrite, int endWrite, Tally tally) {
    }

    /** What a walk that plans nothing found under one height: pointers and nodes a mend would change, blocks reached. */
    private record Trial(long damage, long reached) {
        boolean validates(InodeRecord record) {
            return damage == 0 && reached == record.allocatedBlocks();
        }
    }

    /** The kinds of damage a map can have, as the report counts them. */
    enum Damage {
        OUTSIDE("pointer(s) outside the data blocks cleared"),
        REPEATED("pointer(s) to a block the file had reached before cleared"),
        PAST_SIZE("block(s) mapping pages at or past the file's size cleared"),
        EMPTY_NODE("empty block-map node(s) removed"),
        SHARED("block(s) an earlier file also reaches copied to blocks of the file's own"),
        SHARED_CLEARED("pointer(s) to blocks an earlier file reaches cleared, with no free block left to copy them to"),
        LOST_TAIL("block(s) that lay past the container's old end kept, reading as zeros now");

        private final String phrase;

        Damage(String phrase) {
            this.phrase = phrase;
        }
    }

    /** One file's damage: how many of each kind, and where the first was. */
    static final class Tally {
        private final Map<Damage, long[]> counts = new EnumMap<>(Damage.class);
        private final Map<Damage, String> first = new EnumMap<>(Damage.class);

        void add(Damage damage, String where) {
            counts.computeIfAbsent(damage, d -> new long[1])[0]++;
            first.putIfAbsent(damage, where);
        }

        boolean isEmpty() {
            return counts.isEmpty();
        }

        /** One line per kind, each naming the file ({@code who}) and where the first case was. */
        List<String> lines(String who) {
            List<String> lines = new ArrayList<>();
            counts.forEach((damage, count) -> lines.add(who + ": " + count[0] + " " + damage.phrase + " (first: "
                    + first.get(damage) + ")"));
            return lines;
        }
    }

    private final ImageReader image;
    private final Layout layout;
    private final long lostFrom;
    private final long copyBudget;
    private final long[] owned;
    private final long[] seen;
    private long[] seenList = new long[64];
    private int seenCount;
    private final byte[][] nodeBuffers;
    private final List<SlotWrite> writes = new ArrayList<>();
    private final List<Long> copies = new ArrayList<>();
    private final List<Mended> results = new ArrayList<>();
    private long ownedCount;
    private InodeRecord file;
    private long pagesInFile;
    private long blocks;
    private Tally tally;

    /**
     * @param lostFrom   the first block that lay (wholly or partly) past the end of a container
     *                   the repair extended, or {@code Long.MAX_VALUE}
     * @param copyBudget the most blocks the planned copies may take
     */
    MapMender(ImageReader image, Layout layout, long lostFrom, long copyBudget) {
        this.image = image;
        this.layout = layout;
        this.lostFrom = lostFrom;
        this.copyBudget = copyBudget;
        int words = (int) ((layout.blockCount() + 63) >>> 6);
        this.owned = new long[words];
        this.seen = new long[words];
        this.nodeBuffers = new byte[Layout.maxMapHeight(layout.blockShift()) + 1][];
    }

    /**
     * Plans the map of {@code record}, a valid in-use inode; call for each file in inode order.
     * The map is read under the recorded height, unless the map does not validate under it and
     * does under another ({@link #heightFor}).
     */
    Mended mend(InodeRecord record) {
        int height = heightFor(record);
        return mendUnder(record, height < 0 ? record.mapHeight() : height);
    }

    /**
     * Plans the map of a record whose checksum was wrong but whose fields are plausible
     * ({@link InodeRecord#salvage}): kept only if, under its recorded height or another, its map
     * validates as it is (no pointer out of range or repeated, no block an earlier file reaches,
     * no page past the size, no empty node), so that nothing of it needs changing; a wrong
     * allocated count alone is rewritten. Returns null, having planned and claimed nothing, if
     * no height makes the map valid: the record is then not trusted with any block.
     */
    Mended salvage(InodeRecord record) {
        int height = heightFor(record);
        if (height < 0) {
            if (record.mapRoot() != 0 && trial(record, record.mapHeight()).damage() != 0) {
                return null;
            }
            height = record.mapHeight();
        }
        return mendUnder(record, height);
    }

    /**
     * The height under which {@code record}'s map validates with nothing to change and exactly
     * its allocated count ({@link Trial#validates}): the recorded one if it does, else the lowest
     * other that does, else -1. A wrong height reads data blocks as nodes (too high) or nodes as
     * data (too low); mended under it, the map would scribble pointer clears over file data or
     * keep nodes as file bytes, while under the right height an undamaged map validates whole.
     * With no height valid, the damage is the map's, and the recorded height is mended.
     */
    private int heightFor(InodeRecord record) {
        if (record.mapRoot() == 0 || trial(record, record.mapHeight()).validates(record)) {
            return record.mapHeight();
        }
        for (int height = 0; height <= Layout.maxMapHeight(layout.blockShift()); height++) {
            if (height != record.mapHeight() && trial(record, height).validates(record)) {
                return height;
            }
        }
        return -1;
    }

    private Mended mendUnder(InodeRecord record, int height) {
        file = record;
        pagesInFile = pagesIn(record);
        blocks = 0;
        tally = new Tally();
        int firstWrite = writes.size();
        long root = record.mapRoot() == 0 ? 0 : visit(record.mapRoot(), height, 0, "its block-map root (in its inode)");
        forgetSeen();
        Mended mended = new Mended(root, root == 0 ? 0 : height, root == 0 ? 0 : blocks, firstWrite, writes.size(), tally);
        results.add(mended);
        return mended;
    }

    private long pagesIn(InodeRecord record) {
        return (record.size() + layout.blockSize() - 1) >>> layout.blockShift();
    }

    private void forgetSeen() {
        while (seenCount > 0) {
            clear(seen, seenList[--seenCount]);
        }
    }

    /** Walks {@code record}'s map under {@code height}, planning and claiming nothing. */
    private Trial trial(InodeRecord record, int height) {
        long pages = pagesIn(record);
        long[] found = new long[2];
        probe(record.mapRoot(), height, 0, pages, found);
        forgetSeen();
        return new Trial(found[0], found[1]);
    }

    /** The trial's walk of the subtree at {@code block}: adds to {@code found} its damage and the blocks it reaches. */
    private void probe(long block, int level, long firstPage, long pages, long[] found) {
        if (!layout.isDataBlock(block) || isSet(seen, block) || isSet(owned, block) || level == 0 && firstPage >= pages) {
            found[0]++;
            return;
        }
        see(block);
        found[1]++;
        if (level == 0) {
            return;
        }
        long span = 1L << ((level - 1) * layout.pointerShift());
        byte[] node = nodeBuffer(level);
        image.read(layout.blockOffset(block), node, 0, node.length);
        boolean empty = true;
        for (int slot = 0; slot < layout.pointersPerBlock() && found[0] == 0; slot++) {
            long child = (long) SLOT.get(node, slot * Long.BYTES);
            if (child != 0) {
                empty = false;
                probe(child, level - 1, firstPage + slot * span, pages, found);
            }
        }
        if (empty) {
            found[0]++;
        }
    }

    /** What each file's map became, in the order mended. */
    List<Mended> results() {
        return results;
    }

    /** The slot writes of every file, in the order planned; {@link Mended} gives each file's range. */
    List<SlotWrite> writes() {
        return writes;
    }

    /** The original block of each planned copy, by index. */
    List<Long> copies() {
        return copies;
    }

    /** The ownership bitmap of the blocks the mended maps reach, copies not yet placed. */
    long[] owned() {
        return owned;
    }

    /** Data blocks no mended map reaches: where copies can go. */
    long freeBlocks() {
        return layout.dataBlockCount() - ownedCount;
    }

    /**
     * Mends the subtree a pointer from {@code from} leads to: {@code block}, of {@code level},
     * mapping pages from {@code firstPage}. Returns what the pointer must hold afterwards: the
     * block, a copy's reference, or 0 (cleared).
     */
    private long visit(long block, int level, long firstPage, String from) {
        String where = from + " points to block " + block;
        if (!layout.isDataBlock(block)) {
            tally.add(Damage.OUTSIDE, where);
            return 0;
        }
        if (isSet(seen, block)) {
            tally.add(Damage.REPEATED, where);
            return 0;
        }
        if (level == 0 && firstPage >= pagesInFile) {
            tally.add(Damage.PAST_SIZE, "page " + firstPage + " has block " + block + " but the file is only "
                    + file.size() + " bytes");
            return 0;
        }
        see(block);
        boolean shared = isSet(owned, block);
        if (shared && copies.size() >= copyBudget) {
            tally.add(Damage.SHARED_CLEARED, where);
            return 0;
        }
        int writesBefore = writes.size();
        long ref;
        if (shared) {
            copies.add(block);
            ref = -copies.size();
        } else {
            claim(block);
            ref = block;
        }
        blocks++;
        if (level == 0 || mendNode(block, level, firstPage, ref)) {
            if (shared) {
                tally.add(Damage.SHARED, where);
            }
            if (block >= lostFrom) {
                tally.add(Damage.LOST_TAIL, "block " + block);
            }
            return ref;
        }
        // Nothing below is kept: the node goes, with the writes planned inside it.
        writes.subList(writesBefore, writes.size()).clear();
        blocks--;
        if (shared) {
            copies.remove(copies.size() - 1);
        } else {
            unclaim(block);
        }
        tally.add(Damage.EMPTY_NODE, "block-map node " + block + " (offset " + layout.blockOffset(block) + ")");
        return 0;
    }

    /** Mends the pointers of node {@code block}, to be written in {@code ref}; true if any pointer is kept. */
    private boolean mendNode(long block, int level, long firstPage, long ref) {
        long span = 1L << ((level - 1) * layout.pointerShift());
        long base = layout.blockOffset(block);
        byte[] node = nodeBuffer(level);
        image.read(base, node, 0, node.length);
        boolean kept = false;
        for (int slot = 0; slot < layout.pointersPerBlock(); slot++) {
            long child = (long) SLOT.get(node, slot * Long.BYTES);
            if (child == 0) {
                continue;
            }
            long now = visit(child, level - 1, firstPage + slot * span, "block-map node " + block + " slot " + slot
                    + " (offset " + (base + (long) slot * Long.BYTES) + ")");
            if (now != child) {
                writes.add(new SlotWrite(ref, slot, now));
            }
            kept |= now != 0;
        }
        return kept;
    }

    /** One buffer per level: the walk descends while a node's slots are still being read. */
    private byte[] nodeBuffer(int level) {
        if (nodeBuffers[level] == null) {
            nodeBuffers[level] = new byte[layout.blockSize()];
        }
        return nodeBuffers[level];
    }

    private void see(long block) {
        set(seen, block);
        if (seenCount == seenList.length) {
            seenList = Arrays.copyOf(seenList, 2 * seenCount);
        }
        seenList[seenCount++] = block;
    }

    private void claim(long block) {
        set(owned, block);
        ownedCount++;
    }

    private void unclaim(long block) {
        clear(owned, block);
        ownedCount--;
    }

    static boolean isSet(long[] bits, long block) {
        return (bits[(int) (block >>> 6)] & (1L << block)) != 0;
    }

    static void set(long[] bits, long block) {
        bits[(int) (block >>> 6)] |= 1L << block;
    }

    private static void clear(long[] bits, long block) {
        bits[(int) (block >>> 6)] &= ~(1L << block);
    }
}
