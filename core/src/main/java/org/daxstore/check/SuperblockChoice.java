package org.daxstore.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.format.SuperblockCopies;
import org.daxstore.fs.ImageRules;
import org.daxstore.media.PositionalFile;
import org.daxstore.media.PositionalImage;

/**
 * Which superblock copy a repair trusts, and why the other must be rewritten from it.
 *
 * <ul>
 *   <li>One copy valid: that one (the other was torn or damaged).</li>
 *   <li>Both valid and equal but for the clean flag: the primary, and nothing to rewrite.</li>
 *   <li>Both valid and different: a checksum cannot tell which was damaged, but the image can.
 *       The copy whose layout matches the file's length wins; if both or neither match, the one
 *       under whose layout the format's rules find fewer problems in the image; on a tie, the
 *       primary, which is what an open uses. A damaged field that moved a region (the inode
 *       count, the journal size) makes the image read as garbage under its layout, so the
 *       copy that still describes the image is found even when the damage was resealed.</li>
 * </ul>
 *
 * @param chosen the copy to keep
 * @param damage one line per copy to rewrite from {@code chosen}, saying what was wrong with it
 */
record SuperblockChoice(Superblock chosen, List<String> damage) {

    /**
     * Chooses between {@code copies} of the container read through {@code file}, whose
     * length is {@code length}.
     *
     * @throws CorruptStoreException if neither copy is valid: the container cannot be identified
     */
    static SuperblockChoice choose(SuperblockCopies copies, PositionalFile file, Path path, long length) {
        Superblock primary = copies.primary();
        Superblock secondary = copies.secondary();
        List<String> damage = new ArrayList<>();
        if (primary == null && secondary == null) {
            copies.effective();
            throw new CorruptStoreException("both superblocks are damaged");
        }
        if (primary == null) {
            damage.add(copies.primaryError().getMessage() + ": rewritten from the secondary");
            return new SuperblockChoice(secondary, damage);
        }
        if (secondary == null) {
            damage.add(copies.secondaryError().getMessage() + ": rewritten from the primary");
            return new SuperblockChoice(primary, damage);
        }
        if (copies.disagreement().isEmpty()) {
            return crossChecked(primary, file, path, length);
        }
        boolean primaryFits = primary.layout().containerSize() == length;
        boolean secondaryFits = secondary.layout().containerSize() == length;
        String why;
        boolean keepPrimary;
        if (primaryFits != secondaryFits) {
            keepPrimary = primaryFits;
            why = "its layout matches the container's " + length + " bytes";
        } else {
            int underPrimary = problemsUnder(primary.layout(), file, path, length);
            int underSecondary = problemsUnder(secondary.layout(), file, path, length);
            keepPrimary = underPrimary <= underSecondary;
            why = "the image breaks " + Math.min(underPrimary, underSecondary) + " rule(s) under its layout and "
                    + Math.max(underPrimary, underSecondary) + " under the other's"
                    + (underPrimary == underSecondary ? " (a tie: the primary is what an open uses)" : "");
        }
        damage.add(copies.disagreement() + ": the " + (keepPrimary ? "secondary" : "primary") + " rewritten from the "
                + (keepPrimary ? "primary" : "secondary") + ", because " + why);
        return new SuperblockChoice(keepPrimary ? primary : secondary, damage);
    }

    /**
     * Two copies that agree can both be wrong (one bad write of both, or a hostile one); a
     * checksum cannot tell, but the container's length and the image can. When the image breaks
     * a rule under the copies' layout (a block-map pointer past a block count that is too small,
     * say, which the repair would clear and then cut the file's blocks off), the layouts that the file's length and the copies' other fields allow are tried: every
     * block size that divides the length, with the block count it gives, and the journal size a
     * format gives each (or the one recorded). One under which the image breaks no rule at all
     * replaces the copies; otherwise they are kept, and the rules' findings repaired under them.
     * What this cannot see: a wrong inode count (it moves nothing the rules read before the
     * table's end), UUID or creation time; and a file cut to a block boundary, which it reads as
     * a smaller container only when every rule then holds. A file shorter than the copies'
     * layout is extended, never taken for a smaller container: extending loses nothing.
     */
    private static SuperblockChoice crossChecked(Superblock agreed, PositionalFile file, Path path, long length) {
        Layout recorded = agreed.layout();
        if (length < recorded.containerSize()) {
            return new SuperblockChoice(agreed, List.of());
        }
        int underRecorded = problemsUnder(recorded, file, path, length);
        if (underRecorded == 0) {
            // Every rule holds: a longer file's tail is referenced by nothing, and cutting it loses nothing.
            return new SuperblockChoice(agreed, List.of());
        }
        for (int shift = Layout.MIN_BLOCK_SHIFT; shift <= Layout.MAX_BLOCK_SHIFT; shift++) {
            if (length % (1L << shift) != 0) {
                continue;
            }
            long blocks = length >>> shift;
            for (long journal : new long[] {Layout.requiredJournalBytes(shift, blocks), recorded.journalBytes()}) {
                Superblock candidate = new Superblock(shift, blocks, recorded.inodeCount(), journal, agreed.uuid(),
                        agreed.createdMillis(), agreed.clean());
                Layout layout;
                try {
                    layout = candidate.layout();
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (candidate.equals(agreed) || problemsUnder(layout, file, path, length) != 0) {
                    continue;
                }
                return new SuperblockChoice(candidate, List.of("both superblocks say " + agreed + ", under whose layout"
                        + " the container's " + length + " bytes break " + underRecorded + " rule(s)"
                        + (length == recorded.containerSize() ? "" : " and the length rule") + ", but the image keeps every rule under "
                        + describe(layout) + ": both rewritten with it"));
            }
        }
        return new SuperblockChoice(agreed, List.of());
    }

    private static String describe(Layout layout) {
        return layout.blockCount() + " blocks of " + layout.blockSize() + " bytes and a journal of " + layout.journalBytes()
                + " bytes";
    }

    /**
     * How many problems the format's rules find in the image under {@code layout}; a layout the
     * file is too short for counts as the worst.
     */
    private static int problemsUnder(Layout layout, PositionalFile file, Path path, long length) {
        if (layout.containerSize() > length) {
            return Integer.MAX_VALUE;
        }
        ImageRules rules = new ImageRules(new PositionalImage(file, path, layout.containerSize()), layout);
        rules.checkFiles();
        rules.checkBitmap();
        return rules.problems().size();
    }
}
