package org.daxstore.check;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.fs.FileNames;
import org.daxstore.fs.InodeRecord;
import org.daxstore.media.ImageReader;

/**
 * Everything a repair will change below the superblock and the journal, decided from the image
 * before anything is written, so that the writes can be ordered for safety ({@link RepairWriter})
 * and a repair cut short plans the same remainder when it runs again.
 *
 * <ul>
 *   <li>An inode record that breaks its rules ({@link InodeRecord#decode}) is freed; if it was in
 *       use, its file is lost, and the report names it (as far as the damaged record still tells)
 *       and its slot. Except: an in-use record whose checksum is wrong (or a reserved byte set)
 *       but whose fields are all plausible ({@link InodeRecord#salvage}) is <em>salvaged</em>
 *       when its map validates, under some height, with blocks no intact record reaches
 *       ({@link MapMender#salvage}): one flipped bit does not cost a whole file. The report
 *       says "salvaged, CRC was wrong", since a flipped bit in its size or name cannot be seen.</li>
 *   <li>A map that does not validate under its recorded height but does under another is read
 *       under that one, and the height corrected ({@link MapMender#mend}).</li>
 *   <li>Of two in-use inodes with one name, the later is renamed {@code name~inode} (shortened
 *       to fit, and numbered on if taken), and the report gives the new name.</li>
 *   <li>Each file's block map is mended by {@link MapMender}; a map that must copy more shared
 *       blocks than there are free blocks is planned again with what there is.</li>
 *   <li>Copies are placed in the lowest free blocks; each in-use inode whose root, height or
 *       block count changes gets a new record; the bitmap is to mark exactly the metadata blocks
 *       and what the mended maps reach.</li>
 * </ul>
 */
final class RepairPlan {
    /** A slot to free: its inode, and the generation its free record keeps (at least 0). */
    record FreedSlot(int inode, long generation) {
    }

    /** An in-use inode: its record after the repair, whether that differs, and its slot writes. */
    record FileChange(InodeRecord record, boolean recordChanges, int firstWrite, int endWrite) {
    }

    private final Layout layout;
    private final List<FreedSlot> freed = new ArrayList<>();
    private final List<FileChange> files = new ArrayList<>();
    private final List<String> fixes = new ArrayList<>();
    private List<MapMender.SlotWrite> writes;
    private long[] copyOriginals;
    private long[] copyTargets;
    private long[] owned;

    private RepairPlan(Layout layout) {
        this.layout = layout;
    }

    /**
     * Plans the repair of {@code image}.
     *
     * @param lostFrom the first block that lay past the end of a container the repair extended,
     *                 or {@code Long.MAX_VALUE}
     */
    static RepairPlan make(ImageReader image, Layout layout, long lostFrom) {
        RepairPlan plan = new RepairPlan(layout);
        List<InodeRecord> sealed = new ArrayList<>();
        List<Suspect> suspects = new ArrayList<>();
        plan.readRecords(image, sealed, suspects);
        Mending mending = mendAll(image, layout, lostFrom, sealed, suspects, Long.MAX_VALUE);
        if (mending.mender.copies().size() > mending.mender.freeBlocks()) {
            mending = mendAll(image, layout, lostFrom, sealed, suspects, mending.mender.freeBlocks());
        }
        plan.place(mending.mender);
        plan.judge(suspects, mending.salvaged);
        // Inode order, for the renaming and the writer; a salvaged map has no writes, so where it goes among the
        // others changes nothing of the order in which the sealed files' writes are made.
        List<Kept> kept = new ArrayList<>();
        for (int i = 0; i < sealed.size(); i++) {
            kept.add(new Kept(sealed.get(i), mending.mender.results().get(i), false));
        }
        for (int i = 0; i < suspects.size(); i++) {
            if (mending.salvaged.get(i) != null) {
                kept.add(new Kept(suspects.get(i).record(), mending.salvaged.get(i), true));
            }
        }
        kept.sort(java.util.Comparator.comparingInt(k -> k.record().inode()));
        Map<Integer, String> names = plan.renameDuplicates(kept.stream().map(Kept::record).toList());
        for (Kept file : kept) {
            plan.change(file.record(), names.getOrDefault(file.record().inode(), file.record().name()), file.mended(),
                    file.salvaged());
        }
        return plan;
    }

    /** An in-use record that broke a rule a salvage overlooks (its checksum, its reserved bytes), and why. */
    private record Suspect(InodeRecord record, String damage) {
    }

    /** An in-use inode the repair keeps, with what its map became. */
    private record Kept(InodeRecord record, MapMender.Mended mended, boolean salvaged) {
    }

    /** The mender after every sealed file, then what each suspect's salvage gave (null: not kept), by suspect. */
    private record Mending(MapMender mender, List<MapMender.Mended> salvaged) {
    }

    /**
     * Mends the sealed files in inode order, then the suspects: a suspect is kept only with blocks
     * no sealed file reaches, so a damaged record never takes a block from an intact one.
     */
    private static Mending mendAll(ImageReader image, Layout layout, long lostFrom, List<InodeRecord> sealed,
                                   List<Suspect> suspects, long budget) {
        MapMender mender = new MapMender(image, layout, lostFrom, budget);
        for (InodeRecord record : sealed) {
            mender.mend(record);
        }
        List<MapMender.Mended> salvaged = new ArrayList<>();
        for (Suspect suspect : suspects) {
            salvaged.add(mender.salvage(suspect.record()));
        }
        return new Mending(mender, salvaged);
    }

    /**
     * Decodes every record into {@code sealed} (valid in-use records) and {@code suspects} (in-use
     * records whose only faults are ones a salvage overlooks); plans to free the rest.
     */
    private void readRecords(ImageReader image, List<InodeRecord> sealed, List<Suspect> suspects) {
        byte[] raw = new byte[InodeFormat.SIZE];
        for (int inode = 0; inode < layout.inodeCount(); inode++) {
            image.read(layout.inodeOffset(inode), raw, 0, InodeFormat.SIZE);
            try {
                InodeRecord record = InodeRecord.decode(raw, inode, layout);
                if (record != null) {
                    sealed.add(record);
                }
            } catch (CorruptStoreException e) {
                InodeRecord plausible;
                try {
                    plausible = InodeRecord.salvage(raw, inode, layout);
                } catch (CorruptStoreException implausible) {
                    free(raw, inode, e.getMessage() + "; not salvaged, since " + implausible.getMessage());
                    continue;
                }
                if (plausible != null) {
                    suspects.add(new Suspect(plausible, e.getMessage()));
                } else {
                    free(raw, inode, e.getMessage());
                }
            }
        }
    }

    /** Plans to free slot {@code inode}, whose record {@code raw} broke a rule ({@code damage}). */
    private void free(byte[] raw, int inode, String damage) {
        ByteBuffer view = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        freed.add(new FreedSlot(inode, Math.max(0, view.getLong(InodeFormat.GENERATION))));
        boolean inUse = (view.getInt(InodeFormat.FLAGS) & InodeFormat.FLAG_IN_USE) != 0;
        fixes.add(damage + (inUse ? ": the slot freed; the file it held" + heldName(view)
                + " is lost" : ": rewritten as a free slot"));
    }

    /** Frees the suspects whose map did not validate; the others are kept, as {@link #change} reports. */
    private void judge(List<Suspect> suspects, List<MapMender.Mended> salvaged) {
        for (int i = 0; i < suspects.size(); i++) {
            if (salvaged.get(i) == null) {
                InodeRecord record = suspects.get(i).record();
                fixes.add(suspects.get(i).damage() + ": its fields are plausible, but its block map (root " + record.mapRoot()
                        + ") validates under no height with blocks no other file reaches, so it is not trusted");
                freed.add(new FreedSlot(record.inode(), Math.max(0, record.generation())));
                fixes.add("inode " + record.inode() + ": the slot freed; the file it held ("
                        + FileNames.quote(record.name()) + " by the damaged record, " + record.size() + " bytes) is lost");
            } else {
                fixes.add(suspects.get(i).damage() + ": salvaged, CRC was wrong (or a reserved byte set): every field"
                        + " is plausible and its block map validates, so the file is kept and its record rewritten");
            }
        }
    }

    /** What a damaged record says its file was called, where its name length is plausible. */
    private static String heldName(ByteBuffer view) {
        int length = view.getInt(InodeFormat.NAME_LENGTH);
        if (length < 1 || length > InodeFormat.NAME_MAX) {
            return "";
        }
        String name = new String(view.array(), InodeFormat.NAME, length, StandardCharsets.UTF_8);
        return " (" + FileNames.quote(name) + " by the damaged record, " + view.getLong(InodeFormat.FILE_SIZE) + " bytes)";
    }

    /** Plans a unique name for every in-use inode whose name an earlier one holds; returns them by inode. */
    private Map<Integer, String> renameDuplicates(List<InodeRecord> live) {
        Set<String> taken = new HashSet<>();
        for (InodeRecord record : live) {
            taken.add(record.name());
        }
        Map<String, Integer> holder = new HashMap<>();
        Map<Integer, String> renamed = new HashMap<>();
        for (InodeRecord record : live) {
            Integer first = holder.putIfAbsent(record.name(), record.inode());
            if (first != null) {
                String name = uniqueName(record.name(), record.inode(), taken);
                taken.add(name);
                renamed.put(record.inode(), name);
                // The format cannot tell which record the name is right for (a flipped bit may have
                // given it to the later one): say which file keeps it, so the user can check.
                fixes.add("inodes " + first + " and " + record.inode() + " both held the name " + FileNames.quote(record.name())
                        + ": inode " + record.inode() + " renamed " + FileNames.quote(name) + ", and inode " + first
                        + " keeps the name: check that " + FileNames.quote(record.name()) + " is the file you expect"
                        + " (one of the two names may be the damage)");
            }
        }
        return renamed;
    }

    /** {@code name~inode}, or {@code name~inode.n}, its name part shortened until it fits the format. */
    static String uniqueName(String name, int inode, Set<String> taken) {
        for (int n = 0; ; n++) {
            String suffix = "~" + inode + (n == 0 ? "" : "." + n);
            String base = name;
            while ((base + suffix).getBytes(StandardCharsets.UTF_8).length > InodeFormat.NAME_MAX) {
                base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
            }
            if (!taken.contains(base + suffix)) {
                return base + suffix;
            }
        }
    }

    /** Places the copies in the lowest blocks no mended map reaches. */
    private void place(MapMender mender) {
        owned = mender.owned();
        writes = mender.writes();
        List<Long> originals = mender.copies();
        copyOriginals = new long[originals.size()];
        copyTargets = new long[originals.size()];
        long block = layout.firstDataBlock();
        for (int i = 0; i < copyOriginals.length; i++, block++) {
            while (MapMender.isSet(owned, block)) {
                block++;
            }
            copyOriginals[i] = originals.get(i);
            copyTargets[i] = block;
            MapMender.set(owned, block);
        }
        if (copyOriginals.length > 0) {
            StringBuilder line = new StringBuilder().append(copyOriginals.length)
                    .append(" shared block(s) copied into free blocks (original -> copy):");
            for (int i = 0; i < Math.min(copyOriginals.length, 8); i++) {
                line.append(i == 0 ? " " : ", ").append(copyOriginals[i]).append(" -> ").append(copyTargets[i]);
            }
            fixes.add(line.append(copyOriginals.length > 8 ? ", ..." : "").toString());
        }
    }

    /** The block a reference names once the copies are placed: itself, a copy's block, or 0. */
    long resolve(long ref) {
        return ref >= 0 ? ref : copyTargets[(int) (-ref - 1)];
    }

    private void change(InodeRecord old, String name, MapMender.Mended mended, boolean salvaged) {
        String who = "file " + FileNames.quote(name) + " (inode " + old.inode() + ")";
        fixes.addAll(mended.tally().lines(who));
        long root = resolve(mended.root());
        int height = mended.height();
        if (root != 0 && height != old.mapHeight()) {
            fixes.add(who + ": its block map does not validate under the recorded height " + old.mapHeight()
                    + " and does under height " + height + ": the height corrected");
        }
        InodeRecord now = new InodeRecord(old.inode(), name, old.generation(), old.size(), root, height, mended.blocks(),
                old.createdMillis(), old.modifiedMillis());
        boolean changes = salvaged || !now.equals(old);
        if (root != old.mapRoot() || mended.blocks() != old.allocatedBlocks()) {
            fixes.add(who + ": its inode now counts " + mended.blocks() + " block(s) (it said " + old.allocatedBlocks() + ")"
                    + (root == old.mapRoot() ? "" : root == 0 ? ", and no block-map root (it was block " + old.mapRoot() + ")"
                    : ", with its block-map root in block " + root + " (it was block " + old.mapRoot() + ")"));
        }
        files.add(new FileChange(now, changes, mended.firstWrite(), mended.endWrite()));
    }

    Layout layout() {
        return layout;
    }

    List<FreedSlot> freed() {
        return freed;
    }

    /** The in-use inodes, in inode order. */
    List<FileChange> files() {
        return files;
    }

    List<MapMender.SlotWrite> writes() {
        return writes;
    }

    /** The original block of copy {@code i}. */
    long copyOriginal(int i) {
        return copyOriginals[i];
    }

    /** The block copy {@code i} goes to. */
    long copyTarget(int i) {
        return copyTargets[i];
    }

    int copyCount() {
        return copyOriginals.length;
    }

    /** The blocks the repaired maps reach, copies included: what the bitmap must mark, with the metadata. */
    long[] owned() {
        return owned;
    }

    /** One line per planned change, in the order planned. */
    List<String> fixes() {
        return fixes;
    }
}
